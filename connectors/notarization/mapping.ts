// Notarized contracts (cong-chung) to canonical Notarization (authoritative: cong-chung), keyed by the
// register's own key (<office code>-<year>-<number>). The parties, the parcel id and the office code
// come from `_derived` (connector.ts): the two sides become one list with the roles the contract
// label gives them, a person by personal id or, when the register names only the old CMND, by
// legacyCmnd (that party is not linked to a person; docs/sources/notarization.md). The person facts
// the register carries (names) stay with civil status: no person entity is mapped from here.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const notarizationMapping: ConnectorMapping = {
  streams: [{
    stream: 'contracts',
    deleteWhen: { from: 'daXoa', equals: true },
    entities: [{
      entity: 'notarization',
      id: { from: 'maHoSo', transform: ['string'] },
      fields: [
        { from: 'maHoSo', to: 'notarizationId', transform: ['string'], required: true },
        { from: 'soCongChung', to: 'notarizationNumber', transform: ['string'], required: true },
        { from: 'quyenSo', to: 'bookNumber', transform: ['string'] },
        { from: 'ngayCongChung', to: 'notarizationDate', transform: ['past-date'], required: true },
        { from: '_derived.officeCode', to: 'office.code', transform: ['string'] },
        { from: 'tenToChuc', to: 'office.name', transform: ['string'], required: true },
        { from: 'loaiHopDong', to: 'transactionType', transform: ['notarization-type'], required: true },
        { from: '_derived.parties[].role', to: 'parties[].role', transform: ['string'], required: true },
        { from: '_derived.parties[].personalId', to: 'parties[].personalId', transform: ['personal-id'] },
        { from: '_derived.parties[].legacyCmnd', to: 'parties[].legacyCmnd', transform: ['cmnd'] },
        { from: '_derived.parties[].fullName', to: 'parties[].fullName', transform: ['name.full'] },
        { from: '_derived.parties[].organizationName', to: 'parties[].organizationName', transform: ['string'] },
        { from: '_derived.parties[].taxCode', to: 'parties[].taxCode', transform: ['string'] },
        { from: '_derived.parcelIds', to: 'property.parcelIds', transform: ['parcel-id'] },
        { from: 'taiSan.soSeri', to: 'property.certificateSerial', transform: ['certificate-serial'] },
        { from: 'giaTri', to: 'valueVnd', transform: ['money-vnd'] },
        { from: 'trangThai', to: 'status', transform: ['notarization-status'], required: true }
      ]
    }]
  }]
}
