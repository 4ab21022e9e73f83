// Case files of people with merit and social-protection beneficiaries as the social-affairs
// department's case-management system (chinh-sach) exports them: PascalCase Vietnamese names, ddMMyyyy
// dates (the decision date dd/MM/yyyy), the amount as text grouped by '.' ("1.500.000"), the
// disability rate as "41%", the person by CCCD or only by the old CMND, soft delete Xoa = 1. An
// impossible date, a category code that is not the department's and a missing decision number are
// refused here, so the record lands in dead letters with the failing field.
import { datePattern } from '../runner/date-patterns.js'

const compact = { type: 'string', pattern: datePattern('ddMMyyyy') } as const

export const socialBeneficiaryRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/chinh-sach/doi-tuong.json',
  type: 'object',
  required: [
    'SoHoSo',
    'HoTen',
    'CheDo',
    'MaDoiTuong',
    'SoQuyetDinh',
    'NgayQuyetDinh',
    'MucHuong',
    'HuongTuNgay',
    'TrangThai',
    'NgayCapNhat'
  ],
  // Each branch names its property again so ajv's strict mode sees it defined.
  anyOf: [
    { required: ['SoDinhDanh'], properties: { SoDinhDanh: true } },
    { required: ['SoCMND'], properties: { SoCMND: true } }
  ],
  properties: {
    SoHoSo: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$' },
    HoTen: { type: 'string', minLength: 1, maxLength: 200 },
    NgaySinh: compact,
    SoDinhDanh: { type: 'string', pattern: '^\\d{12}$' },
    SoCMND: { type: 'string', pattern: '^\\d{9}$' },
    CheDo: { enum: ['NCC', 'BTXH'] },
    MaDoiTuong: { type: 'string', pattern: '^(NCC|BT)-[A-Z0-9]{1,10}$' },
    TyLeTonThuong: { type: 'string', pattern: '^\\d{1,3} ?%$' },
    SoQuyetDinh: { type: 'string', pattern: '^\\d{1,7}/[0-9A-ZĐ][0-9A-ZĐ/.-]{0,59}$' },
    NgayQuyetDinh: { type: 'string', pattern: datePattern('dd/MM/yyyy') },
    MucHuong: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^\\d{1,3}([. ]\\d{3})*( ?(đ|đồng|VNĐ|VND))?$' }
      ]
    },
    HuongTuNgay: compact,
    HuongDenNgay: compact,
    LyDoThoiHuong: { type: 'string', minLength: 1, maxLength: 100 },
    TrangThai: { type: 'string', minLength: 1, maxLength: 40 },
    DiaChi: { type: 'string', minLength: 1, maxLength: 300 },
    MaXa: { type: 'string', pattern: '^\\d{5}$' },
    NgayCapNhat: { type: 'string', format: 'date-time' },
    Xoa: { enum: [0, 1] }
  }
} as const
