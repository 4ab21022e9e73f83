// BHYT cards to canonical HealthInsuranceCard (authoritative: bhyt), and the person facts the
// card holds (birth date, sex, address as BHYT knows them), which the merger weighs against the
// authoritative sources. A card whose holder is named only by CMND, and that holder's facts, are
// parked until a source links the CMND.
// The name is mapped too: 40 % of BHYT names lost their diacritics in the export, a dialect the
// merger does not count as a disagreement (consumers/merger/value-agreement.ts), while a name that
// differs in its letters, or in marks it does carry, is a conflict like any other.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const bhytMapping: ConnectorMapping = {
  streams: [{
    stream: 'cards',
    deleteWhen: { from: 'DA_XOA', equals: 1 },
    entities: [{
      entity: 'health-insurance-card',
      id: { from: 'MA_SO_BHXH', transform: ['social-insurance-number'] },
      fields: [
        { from: 'MA_THE', to: 'cardNumber', transform: ['bhyt-number'], required: true },
        { from: 'MA_SO_BHXH', to: 'socialInsuranceNumber', transform: ['social-insurance-number'], required: true },
        { from: 'MA_DOI_TUONG', to: 'beneficiaryGroup', transform: ['string', 'upper'] },
        {
          from: 'SO_CCCD',
          to: 'holderPersonalId',
          transform: ['personal-id'],
          legacy: { from: 'SO_CMND', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: 'MUC_HUONG', to: 'benefitLevel', transform: ['integer'], required: true },
        { from: 'GT_THE_TU', to: 'validFrom', transform: ['date'], required: true },
        { from: 'GT_THE_DEN', to: 'validTo', transform: ['date'], required: true },
        { from: 'MA_DKBD', to: 'initialFacilityCode', transform: ['string', 'upper'], required: true }
      ]
    }, {
      entity: 'person',
      id: {
        from: 'SO_CCCD',
        transform: ['personal-id'],
        fallback: { from: 'SO_CMND', transform: ['cmnd'], kind: 'cmnd' }
      },
      fields: [
        { from: 'SO_CCCD', to: 'personalId', transform: ['personal-id'] },
        { from: 'SO_CMND', to: 'legacyCmnd', transform: ['cmnd'] },
        { from: 'HO_TEN', to: 'fullName', transform: ['name.full'] },
        { from: 'NGAY_SINH', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'GIOI_TINH', to: 'sex', transform: ['sex'], required: true },
        { from: 'MA_XA', to: 'permanentAddress.wardCode', transform: ['ward-code'] },
        { from: 'DIA_CHI', to: 'permanentAddress.line', transform: ['string'] }
      ]
    }]
  }]
}
