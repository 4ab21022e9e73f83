// The civil-status office's records as its system exports them (Vietnamese field names, ddMMyyyy).
import { datePattern } from '../runner/date-patterns.js'

const personalId = { type: 'string', pattern: '^\\d{12}$' } as const
const ddMMyyyy = { type: 'string', pattern: datePattern('ddMMyyyy') } as const

export const civilStatusRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/civil-status/cong-dan.json',
  type: 'object',
  required: ['so_dinh_danh', 'ho_va_ten', 'ngay_sinh', 'gioi_tinh', 'ngay_cap_nhat'],
  properties: {
    so_dinh_danh: personalId,
    so_cmnd: { type: 'string', pattern: '^\\d{9}$' },
    ho_va_ten: { type: 'string', minLength: 1, maxLength: 200 },
    ngay_sinh: ddMMyyyy,
    gioi_tinh: { enum: ['Nam', 'Nữ'] },
    noi_sinh: { type: 'string' },
    dan_toc: { type: 'string', pattern: '^\\d{2}$' },
    ton_giao: { type: 'string', pattern: '^\\d{2}$' },
    quoc_tich: { type: 'string', pattern: '^[A-Z]{2}$' },
    so_dinh_danh_cha: personalId,
    so_dinh_danh_me: personalId,
    so_dinh_danh_vo_chong: personalId,
    ngay_mat: ddMMyyyy,
    ngay_tao: { type: 'string', format: 'date-time' },
    ngay_cap_nhat: { type: 'string', format: 'date-time' },
    da_xoa: { type: 'boolean' }
  }
} as const

// A marriage registration (đăng ký kết hôn): the register entry and both spouses' ids.
export const marriageRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/civil-status/ket-hon.json',
  type: 'object',
  required: [
    'so_dang_ky', 'ngay_dang_ky', 'so_dinh_danh_chong', 'ho_ten_chong', 'so_dinh_danh_vo', 'ho_ten_vo', 'ngay_cap_nhat'
  ],
  properties: {
    so_dang_ky: { type: 'string', pattern: '^\\d{4}/KH-\\d{1,10}$' },
    ngay_dang_ky: ddMMyyyy,
    noi_dang_ky: { type: 'string', pattern: '^\\d{5}$' },
    so_dinh_danh_chong: personalId,
    ho_ten_chong: { type: 'string', minLength: 1, maxLength: 200 },
    so_dinh_danh_vo: personalId,
    ho_ten_vo: { type: 'string', minLength: 1, maxLength: 200 },
    ngay_tao: { type: 'string', format: 'date-time' },
    ngay_cap_nhat: { type: 'string', format: 'date-time' },
    da_xoa: { type: 'boolean' }
  }
} as const
