// Pupils (học sinh) as the school management export serves them: PascalCase Vietnamese names,
// dd/MM/yyyy dates, Nam/Nữ, the grade as text, the school's student code as key, the guardian by
// CCCD or only by the old CMND, ward codes often pre-2025, soft delete DaXoa = true. An 11-digit id,
// an impossible date, an unknown school level or a missing name is refused here, so the record lands
// in dead letters with the failing field.
import { datePattern } from '../runner/date-patterns.js'
import {
  ENROLMENT_STATUS_WORDS,
  GUARDIAN_RELATION_WORDS,
  SCHOOL_LEVEL_CODES
} from '../../schemas/vietnam/student-codes.js'

const slashedDate = { type: 'string', pattern: datePattern('dd/MM/yyyy') } as const

export const studentEnrolmentRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/giao-duc/hoc-sinh.json',
  type: 'object',
  required: [
    'MaHocSinh',
    'HoTen',
    'NgaySinh',
    'MaDinhDanh',
    'NamHoc',
    'TenTruong',
    'CapHoc',
    'Khoi',
    'Lop',
    'TrangThai',
    'NgayCapNhat'
  ],
  properties: {
    MaHocSinh: { type: 'string', pattern: '^[0-9A-Za-z]{6,20}$' },
    HoTen: { type: 'string', minLength: 1, maxLength: 200 },
    NgaySinh: slashedDate,
    GioiTinh: { enum: ['Nam', 'Nữ'] },
    MaDinhDanh: { type: 'string', pattern: '^\\d{12}$' },
    NamHoc: { type: 'string', pattern: '^(19|20)\\d{2}-(19|20)\\d{2}$' },
    MaTruong: { type: 'string', pattern: '^[0-9A-Za-z]{2,20}$' },
    TenTruong: { type: 'string', minLength: 1, maxLength: 200 },
    CapHoc: { enum: Object.keys(SCHOOL_LEVEL_CODES) },
    Khoi: { type: 'string', pattern: '^(1[0-2]|[1-9])$' },
    Lop: { type: 'string', minLength: 1, maxLength: 10 },
    HoTenPhuHuynh: { type: 'string', minLength: 1, maxLength: 200 },
    QuanHe: { enum: Object.keys(GUARDIAN_RELATION_WORDS) },
    CCCDPhuHuynh: { type: 'string', pattern: '^\\d{12}$' },
    CMNDPhuHuynh: { type: 'string', pattern: '^\\d{9}$' },
    DiaChi: { type: 'string', maxLength: 300 },
    MaPhuongXa: { type: 'string', pattern: '^\\d{5}$' },
    TrangThai: { enum: Object.keys(ENROLMENT_STATUS_WORDS) },
    NgayCapNhat: { type: 'string', format: 'date-time' },
    DaXoa: { type: 'boolean' }
  }
} as const
