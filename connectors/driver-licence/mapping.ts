// Licences (gplx) to canonical DriverLicence (authoritative: gplx), keyed by the 12-digit licence
// number, and the person facts the licence holds (name, birth date as typed from the applicant's
// form), which the merger weighs against civil status (ho-tich wins a disagreement). A licence whose
// holder is named only by CMND, and that holder's facts, are parked until a source links the CMND.
// Each class keeps its own dates; a pre-2025 printed class is converted by the table in
// schemas/vietnam/driver-licence-codes.ts and kept as printedClass when it differs.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const driverLicenceMapping: ConnectorMapping = {
  streams: [{
    stream: 'licences',
    deleteWhen: { from: 'XOA', equals: 'Y' },
    entities: [{
      entity: 'driver-licence',
      id: { from: 'SO_GPLX', transform: ['string'] },
      fields: [
        { from: 'SO_GPLX', to: 'licenceNumber', transform: ['string'], required: true },
        {
          from: 'SO_CCCD',
          to: 'holderPersonalId',
          transform: ['personal-id'],
          legacy: { from: 'SO_CMND', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: 'HO_TEN', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'NGAY_SINH', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'CAC_HANG[].HANG', to: 'classes[].class', transform: ['licence-class'], required: true },
        { from: 'CAC_HANG[].HANG', to: 'classes[].printedClass', transform: ['licence-class-printed'] },
        { from: 'CAC_HANG[].NGAY_CAP', to: 'classes[].issueDate', transform: ['past-date'], required: true },
        { from: 'CAC_HANG[].NGAY_HH', to: 'classes[].expiryDate', transform: ['date'] },
        { from: 'NOI_CAP', to: 'issuingAuthority', transform: ['string'], required: true },
        { from: 'DIEM_CON_LAI', to: 'points', transform: ['integer'], required: true },
        { from: 'TINH_TRANG', to: 'status', transform: ['licence-status'], required: true }
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
        { from: 'NGAY_SINH', to: 'birthDate', transform: ['birth-date'], required: true }
      ]
    }]
  }]
}
