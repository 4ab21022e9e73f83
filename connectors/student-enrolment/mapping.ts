// Pupils (giao-duc) to canonical StudentEnrolment (authoritative: giao-duc), keyed by the school's
// student code and the school year, and the pupil's person facts as the school holds them, which the
// merger weighs against civil status and residence (the school's address loses to cu-tru: the
// simulated department disagrees on purpose). A guardian named only by CMND is parked until a
// source links the CMND.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const studentEnrolmentMapping: ConnectorMapping = {
  streams: [{
    stream: 'pupils',
    deleteWhen: { from: 'DaXoa', equals: true },
    entities: [{
      entity: 'student-enrolment',
      id: { from: 'MaHocSinh', joinFrom: 'NamHoc', transform: ['string'] },
      fields: [
        { from: 'MaHocSinh', joinFrom: 'NamHoc', to: 'enrolmentId', transform: ['string'], required: true },
        { from: 'MaHocSinh', to: 'studentCode', transform: ['string'], required: true },
        { from: 'MaDinhDanh', to: 'studentPersonalId', transform: ['personal-id'], required: true },
        { from: 'HoTen', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'NgaySinh', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'GioiTinh', to: 'sex', transform: ['sex'] },
        { from: 'NamHoc', to: 'schoolYear', transform: ['string'], required: true },
        { from: 'MaTruong', to: 'school.code', transform: ['string'] },
        { from: 'TenTruong', to: 'school.name', transform: ['string'], required: true },
        { from: 'CapHoc', to: 'school.level', transform: ['school-level'], required: true },
        { from: 'Khoi', to: 'grade', transform: ['integer'], required: true },
        { from: 'Lop', to: 'className', transform: ['string'], required: true },
        {
          from: 'CCCDPhuHuynh',
          to: 'guardian.personalId',
          transform: ['personal-id'],
          legacy: { from: 'CMNDPhuHuynh', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: 'HoTenPhuHuynh', to: 'guardian.fullName', transform: ['name.full'] },
        { from: 'QuanHe', to: 'guardian.relation', transform: ['guardian-relation'] },
        { from: 'DiaChi', to: 'address.line', transform: ['string'] },
        { from: 'MaPhuongXa', to: 'address.wardCode', transform: ['ward-code'] },
        { from: 'TrangThai', to: 'status', transform: ['enrolment-status'], required: true }
      ]
    }, {
      entity: 'person',
      id: { from: 'MaDinhDanh', transform: ['personal-id'] },
      fields: [
        { from: 'MaDinhDanh', to: 'personalId', transform: ['personal-id'] },
        { from: 'HoTen', to: 'fullName', transform: ['name.full'] },
        { from: 'NgaySinh', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'GioiTinh', to: 'sex', transform: ['sex'] },
        { from: 'DiaChi', to: 'permanentAddress.line', transform: ['string'] },
        { from: 'MaPhuongXa', to: 'permanentAddress.wardCode', transform: ['ward-code'] }
      ]
    }]
  }]
}
