// Business household registrations to canonical BusinessHousehold (authoritative:
// dang-ky-kinh-doanh), and the owner's person facts as the registration holds them. The status
// and the business line come from `_derived` (connector.ts): code lists the mapping cannot look up.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const businessHouseholdMapping: ConnectorMapping = {
  streams: [{
    stream: 'registrations',
    deleteWhen: { from: 'daXoa', equals: true },
    entities: [{
      entity: 'business-household',
      id: { from: 'soGiayChungNhan', transform: ['string', 'upper'] },
      fields: [
        { from: 'soGiayChungNhan', to: 'registrationNumber', transform: ['string', 'upper'] },
        { from: 'tenHoKinhDoanh', to: 'name', transform: ['string'], required: true },
        {
          from: 'chuHo.soDinhDanh',
          to: 'ownerPersonalId',
          transform: ['personal-id'],
          legacy: { from: 'chuHo.soCmnd', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: '_derived.businessLines', to: 'businessLines', required: true },
        { from: 'diaChiKinhDoanh.diaChi', to: 'address.line', transform: ['string'], required: true },
        { from: 'diaChiKinhDoanh.maPhuongXa', to: 'address.wardCode', transform: ['ward-code'], required: true },
        { from: 'vonKinhDoanh', to: 'capitalVnd', transform: ['integer'] },
        { from: 'ngayDangKy', to: 'registrationDate', transform: ['past-date'], required: true },
        { from: '_derived.status', to: 'status', transform: ['string'], required: true }
      ]
    }, {
      entity: 'person',
      id: {
        from: 'chuHo.soDinhDanh',
        transform: ['personal-id'],
        fallback: { from: 'chuHo.soCmnd', transform: ['cmnd'], kind: 'cmnd' }
      },
      fields: [
        { from: 'chuHo.soDinhDanh', to: 'personalId', transform: ['personal-id'] },
        { from: 'chuHo.soCmnd', to: 'legacyCmnd', transform: ['cmnd'] },
        { from: 'chuHo.hoTen', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'chuHo.hoTen', to: 'familyName', transform: ['name.family'], required: true },
        { from: 'chuHo.hoTen', to: 'middleName', transform: ['name.middle'], required: true },
        { from: 'chuHo.hoTen', to: 'givenName', transform: ['name.given'], required: true },
        { from: 'chuHo.ngaySinh', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'chuHo.gioiTinh', to: 'sex', transform: ['sex'], required: true }
      ]
    }]
  }]
}
