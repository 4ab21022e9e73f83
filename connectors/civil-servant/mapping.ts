// Staff records (noi-vu) to canonical CivilServant (authoritative: noi-vu), keyed by the staff code.
// Only the civil-servant entity is produced, never a person: the personnel database's name and birth
// date do not feed the golden person, so no person conflict or person history names noi-vu and a
// reader of persons cannot learn who works for the city (docs/sources/civil-servant.md). A birth date
// typed with day and month swapped therefore stays in this record as typed. A servant named only by
// CMND is parked until a source links the CMND.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const civilServantMapping: ConnectorMapping = {
  streams: [{
    stream: 'staff',
    deleteWhen: { from: 'da_xoa', equals: true },
    entities: [{
      entity: 'civil-servant',
      id: { from: 'ma_can_bo', transform: ['string'] },
      fields: [
        { from: 'ma_can_bo', to: 'staffCode', transform: ['string'], required: true },
        {
          from: 'so_cccd',
          to: 'personalId',
          transform: ['personal-id'],
          legacy: { from: 'so_cmnd', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: 'ho_ten', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'ngay_sinh', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'gioi_tinh', to: 'sex', transform: ['civil-servant-sex'] },
        { from: 'loai', to: 'category', transform: ['civil-servant-category'], required: true },
        { from: 'ma_don_vi', to: 'unit.code', transform: ['string'] },
        { from: 'don_vi', to: 'unit.name', transform: ['string'], required: true },
        { from: 'chuc_vu', to: 'position', transform: ['string'] },
        { from: 'ma_ngach', to: 'rank.code', transform: ['string'] },
        { from: 'ten_ngach', to: 'rank.name', transform: ['string'] },
        { from: 'bac_luong', to: 'salaryStep', transform: ['integer'] },
        { from: 'he_so_luong', to: 'salaryCoefficient', transform: ['number'] },
        { from: 'ngay_tuyen_dung', to: 'recruitedOn', transform: ['past-date'] },
        { from: 'trang_thai', to: 'status', transform: ['civil-servant-status'], required: true }
      ]
    }]
  }]
}
