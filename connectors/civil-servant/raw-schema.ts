// Staff records as the home-affairs personnel database (noi-vu) serves them: snake_case Vietnamese
// names, ISO dates, sex as 1/0, category as CB/CC/VC, the salary coefficient with a decimal comma
// ("3,33"), the staff code as key, the person by CCCD or only by the old CMND, soft delete
// da_xoa = true. An impossible date, an unknown category or a missing unit is refused here, so the
// record lands in dead letters with the failing field.
import { datePattern } from '../runner/date-patterns.js'
import { CIVIL_SERVANT_CATEGORY_CODES, CIVIL_SERVANT_STATUS_CODES } from '../../schemas/vietnam/civil-servant-codes.js'

const isoDate = { type: 'string', pattern: datePattern('yyyy-MM-dd') } as const

export const civilServantRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/noi-vu/can-bo.json',
  type: 'object',
  required: ['ma_can_bo', 'ho_ten', 'ngay_sinh', 'loai', 'don_vi', 'trang_thai', 'ngay_cap_nhat'],
  // Each branch names its property again so ajv's strict mode sees it defined.
  anyOf: [
    { required: ['so_cccd'], properties: { so_cccd: true } },
    { required: ['so_cmnd'], properties: { so_cmnd: true } }
  ],
  properties: {
    ma_can_bo: { type: 'string', pattern: '^[0-9A-Z][0-9A-Z.-]{3,19}$' },
    ho_ten: { type: 'string', minLength: 1, maxLength: 200 },
    ngay_sinh: isoDate,
    gioi_tinh: { enum: [0, 1] },
    so_cccd: { type: 'string', pattern: '^\\d{12}$' },
    so_cmnd: { type: 'string', pattern: '^\\d{9}$' },
    loai: { enum: Object.keys(CIVIL_SERVANT_CATEGORY_CODES) },
    don_vi: { type: 'string', minLength: 1, maxLength: 200 },
    ma_don_vi: { type: 'string', pattern: '^[0-9A-Z][0-9A-Z.-]{0,19}$' },
    chuc_vu: { type: 'string', minLength: 1, maxLength: 200 },
    ma_ngach: { type: 'string', pattern: '^(\\d{2}\\.\\d{3}[a-z]?|V\\.\\d{2}\\.\\d{2}\\.\\d{2})$' },
    ten_ngach: { type: 'string', minLength: 1, maxLength: 200 },
    bac_luong: { type: 'integer', minimum: 1, maximum: 16 },
    he_so_luong: {
      anyOf: [{ type: 'number', minimum: 1, maximum: 10 }, { type: 'string', pattern: '^([1-9]|10)([,.]\\d{1,2})?$' }]
    },
    ngay_tuyen_dung: isoDate,
    trang_thai: { enum: Object.keys(CIVIL_SERVANT_STATUS_CODES) },
    ngay_cap_nhat: { type: 'string', format: 'date-time' },
    da_xoa: { type: 'boolean' }
  }
} as const
