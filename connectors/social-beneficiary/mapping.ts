// Social-affairs case files (chinh-sach) to canonical SocialBeneficiary (authoritative: chinh-sach),
// keyed by the case number. Codes and status words go through the tables of
// schemas/vietnam/beneficiary-codes.ts (an unknown one is a dead letter, never a guess); the amount is
// read as written into integer đồng; a pre-2025 ward code becomes the current one. The decision's
// issuer is left out: the export does not carry it, and it differs by programme (the department for
// people with merit, the ward's people's committee for social protection). A holder named only by
// CMND is parked until a source links the CMND. The person facts stay with civil status.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const socialBeneficiaryMapping: ConnectorMapping = {
  streams: [{
    stream: 'beneficiaries',
    deleteWhen: { from: 'Xoa', equals: 1 },
    entities: [{
      entity: 'social-beneficiary',
      id: { from: 'SoHoSo', transform: ['string'] },
      fields: [
        { from: 'SoHoSo', to: 'caseId', transform: ['string'], required: true },
        {
          from: 'SoDinhDanh',
          to: 'personalId',
          transform: ['personal-id'],
          legacy: { from: 'SoCMND', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: 'HoTen', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'NgaySinh', to: 'birthDate', transform: ['birth-date'] },
        { from: 'CheDo', to: 'programme', transform: ['beneficiary-programme'], required: true },
        { from: 'MaDoiTuong', to: 'category', transform: ['beneficiary-category'], required: true },
        { from: 'TyLeTonThuong', to: 'disabilityRatePercent', transform: ['percent'] },
        { from: 'SoQuyetDinh', to: 'decision.number', transform: ['string'], required: true },
        { from: 'NgayQuyetDinh', to: 'decision.date', transform: ['past-date'], required: true },
        { from: 'MucHuong', to: 'monthlyAllowanceVnd', transform: ['money-vnd'], required: true },
        { from: 'HuongTuNgay', to: 'allowanceFrom', transform: ['date'], required: true },
        { from: 'HuongDenNgay', to: 'allowanceTo', transform: ['date'] },
        { from: 'TrangThai', to: 'status', transform: ['beneficiary-status'], required: true },
        { from: 'LyDoThoiHuong', to: 'endReason', transform: ['beneficiary-end-reason'] },
        { from: 'DiaChi', to: 'address.line', transform: ['string'] },
        { from: 'MaXa', to: 'address.wardCode', transform: ['ward-code'] }
      ]
    }]
  }]
}
