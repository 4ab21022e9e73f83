// Driver licences (giấy phép lái xe) as the licensing export serves them: UPPER_SNAKE names, yyyyMMdd
// dates, names in capitals (often without diacritics), pre-2025 classes as printed, the holder named
// by CCCD or only by the old CMND, soft delete XOA = 'Y'. An 11-digit id, an impossible date or an
// unknown class is refused here, so the record lands in dead letters with the failing field.
import { datePattern } from '../runner/date-patterns.js'
import { LICENCE_CLASSES, LEGACY_LICENCE_CLASSES } from '../../schemas/driver-licence.js'

const compactDate = { type: 'string', pattern: datePattern('yyyyMMdd') } as const
const classCodes = [...new Set<string>([...LICENCE_CLASSES, ...LEGACY_LICENCE_CLASSES])]

export const driverLicenceRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/gplx/giay-phep.json',
  type: 'object',
  required: ['SO_GPLX', 'HO_TEN', 'NGAY_SINH', 'CAC_HANG', 'NOI_CAP', 'DIEM_CON_LAI', 'TINH_TRANG', 'NGAY_CAP_NHAT'],
  // Each branch names its property again so ajv's strict mode sees it defined.
  anyOf: [
    { required: ['SO_CCCD'], properties: { SO_CCCD: true } },
    { required: ['SO_CMND'], properties: { SO_CMND: true } }
  ],
  properties: {
    SO_GPLX: { type: 'string', pattern: '^\\d{12}$' },
    HO_TEN: { type: 'string', minLength: 1, maxLength: 200 },
    NGAY_SINH: compactDate,
    SO_CCCD: { type: 'string', pattern: '^\\d{12}$' },
    SO_CMND: { type: 'string', pattern: '^\\d{9}$' },
    CAC_HANG: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['HANG', 'NGAY_CAP'],
        properties: {
          HANG: { enum: classCodes },
          NGAY_CAP: compactDate,
          // Empty for classes without a term (A1, A, B1).
          NGAY_HH: { anyOf: [compactDate, { const: '' }] }
        }
      }
    },
    NOI_CAP: { type: 'string', minLength: 1, maxLength: 200 },
    DIEM_CON_LAI: { type: 'integer', minimum: 0, maximum: 12 },
    TINH_TRANG: { enum: ['HIEU_LUC', 'TAM_GIU', 'THU_HOI', 'HET_HAN'] },
    NGAY_CAP_NHAT: { type: 'string', format: 'date-time' },
    XOA: { enum: ['N', 'Y'] }
  }
} as const
