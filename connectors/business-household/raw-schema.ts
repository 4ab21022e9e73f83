// Business household registrations (hộ kinh doanh) as the registration system serves them:
// camelCase Vietnamese fields, d/M/yyyy dates, the owner by personal id or only by CMND.
import { datePattern } from '../runner/date-patterns.js'

const looseDate = { type: 'string', pattern: datePattern('d/M/yyyy') } as const

export const businessHouseholdRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/business/ho-kinh-doanh.json',
  type: 'object',
  required: [
    'soGiayChungNhan',
    'tenHoKinhDoanh',
    'chuHo',
    'diaChiKinhDoanh',
    'maNganh',
    'nganhNghe',
    'ngayDangKy',
    'trangThai',
    'ngayCapNhat'
  ],
  properties: {
    soGiayChungNhan: { type: 'string', pattern: '^[0-9A-Z][0-9A-Z.-]{5,19}$' },
    tenHoKinhDoanh: { type: 'string', minLength: 1, maxLength: 200 },
    chuHo: {
      type: 'object',
      required: ['hoTen', 'ngaySinh', 'gioiTinh'],
      // The owner is named by one identity document.
      anyOf: [
        { required: ['soDinhDanh'], properties: { soDinhDanh: true } },
        { required: ['soCmnd'], properties: { soCmnd: true } }
      ],
      properties: {
        hoTen: { type: 'string', minLength: 1, maxLength: 200 },
        soDinhDanh: { type: 'string', pattern: '^\\d{12}$' },
        soCmnd: { type: 'string', pattern: '^\\d{9}$' },
        ngaySinh: looseDate,
        gioiTinh: { enum: ['Nam', 'Nữ'] }
      }
    },
    diaChiKinhDoanh: {
      type: 'object',
      required: ['diaChi', 'maPhuongXa'],
      properties: {
        diaChi: { type: 'string', minLength: 1, maxLength: 300 },
        maPhuongXa: { type: 'string', pattern: '^\\d{5}$' }
      }
    },
    maNganh: { type: 'string', pattern: '^\\d{4,5}$' },
    nganhNghe: { type: 'string', minLength: 1, maxLength: 300 },
    vonKinhDoanh: { type: 'integer', minimum: 0 },
    soLaoDong: { type: 'integer', minimum: 0 },
    ngayDangKy: looseDate,
    trangThai: { enum: ['HOAT_DONG', 'TAM_NGUNG', 'CHAM_DUT'] },
    ngayCapNhat: { type: 'string', format: 'date-time' },
    daXoa: { type: 'boolean' }
  }
} as const
