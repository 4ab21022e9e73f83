// Construction permits (xay-dung) to canonical ConstructionPermit (authoritative: xay-dung), keyed by
// the permit number and year in ASCII, with the post-permit inspections nested, oldest first. The
// owners are listed as the office typed them (name, CCCD or the old CMND) and their personal ids are
// gathered in ownerPersonalIds, the permit's link to persons: an owner named only by CMND is added
// there by the normalizer once a source links the CMND (the permit waits in the unresolved set until
// then). The parcel comes from the connector's `_derived.parcelIds` (connector.ts). Each owner's name
// is also weighed against civil status's as a person fact, so a misspelt name shows as a conflict
// that ho-tich wins, not as a second truth.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const constructionPermitMapping: ConnectorMapping = {
  streams: [{
    stream: 'permits',
    deleteWhen: { from: 'Huy', equals: true },
    entities: [{
      entity: 'construction-permit',
      id: { from: 'SoGiayPhep', transform: ['document-key'] },
      fields: [
        { from: 'SoGiayPhep', to: 'permitId', transform: ['document-key'], required: true },
        { from: 'SoGiayPhep', to: 'permitNumber', transform: ['decision-number'], required: true },
        { from: 'NgayCap', to: 'permitDate', transform: ['past-date'], required: true },
        { from: 'CoQuanCap', to: 'issuingAuthority', transform: ['string'], required: true },
        { from: 'LoaiGiayPhep', to: 'permitType', transform: ['permit-type'], required: true },
        { from: 'LoaiCongTrinh', to: 'buildingType', transform: ['building-type'] },
        { from: 'ChuDauTu[].HoTen', to: 'owners[].fullName', transform: ['name.full'], required: true },
        { from: 'ChuDauTu[].CCCD', to: 'owners[].personalId', transform: ['personal-id'] },
        { from: 'ChuDauTu[].CMND', to: 'owners[].legacyCmnd', transform: ['cmnd'] },
        {
          from: 'ChuDauTu[].CCCD', to: 'ownerPersonalIds', transform: ['personal-id'],
          legacy: { from: 'ChuDauTu[].CMND', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: '_derived.parcelIds', to: 'parcelIds', transform: ['parcel-id'], required: true },
        { from: 'SoSeriGCN', to: 'certificateSerial', transform: ['certificate-serial'] },
        { from: 'DiaChi', to: 'address.line', transform: ['string'], required: true },
        { from: 'MaPhuongXa', to: 'address.wardCode', transform: ['ward-code'], required: true },
        { from: 'SoTang', to: 'floors', transform: ['integer'], required: true },
        { from: 'DienTichXayDung', to: 'footprintM2', transform: ['number'] },
        { from: 'TongDienTichSan', to: 'totalFloorAreaM2', transform: ['number'], required: true },
        { from: 'ChieuCao', to: 'heightM', transform: ['number'] },
        { from: 'TrangThai', to: 'status', transform: ['permit-status'], required: true },
        // Not `required`: a permit not yet inspected has an empty list, which a required list field refuses;
        // each inspection's date and result are required by the raw schema instead.
        { from: 'KiemTra[].Ngay', to: 'inspections[].date', transform: ['past-date'] },
        { from: 'KiemTra[].KetQua', to: 'inspections[].result', transform: ['inspection-result'] },
        { from: 'KiemTra[].NoiDung', to: 'inspections[].finding', transform: ['string'] },
        { from: 'KiemTra[].SoQD', to: 'inspections[].decisionNumber', transform: ['string'] }
      ]
    }, {
      // Each owner's name as the office typed it from the application, weighed against civil status's.
      entity: 'person',
      each: 'ChuDauTu',
      id: { from: 'CCCD', transform: ['personal-id'], fallback: { from: 'CMND', transform: ['cmnd'], kind: 'cmnd' } },
      fields: [
        { from: 'CCCD', to: 'personalId', transform: ['personal-id'] },
        { from: 'CMND', to: 'legacyCmnd', transform: ['cmnd'] },
        { from: 'HoTen', to: 'fullName', transform: ['name.full'] }
      ]
    }]
  }]
}
