// Health-insurance cards (thẻ BHYT) as the social-insurance export serves them: upper-case
// column names, ISO dates, sex 1/2/3, the holder named by CCCD or only by the old CMND.
import { datePattern } from '../runner/date-patterns.js'

const isoDate = { type: 'string', pattern: datePattern('yyyy-MM-dd') } as const

export const bhytCardRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/bhyt/the.json',
  type: 'object',
  required: [
    'MA_SO_BHXH',
    'MA_THE',
    'HO_TEN',
    'NGAY_SINH',
    'GIOI_TINH',
    'DIA_CHI',
    'MA_XA',
    'MA_DOI_TUONG',
    'MUC_HUONG',
    'MA_DKBD',
    'GT_THE_TU',
    'GT_THE_DEN',
    'NGAY_CAP_NHAT'
  ],
  // A card names its holder by one identity document (each branch names its property again so
  // ajv's strict mode sees it defined).
  anyOf: [
    { required: ['SO_CCCD'], properties: { SO_CCCD: true } },
    { required: ['SO_CMND'], properties: { SO_CMND: true } }
  ],
  properties: {
    MA_SO_BHXH: { type: 'string', pattern: '^\\d{10}$' },
    MA_THE: { type: 'string', pattern: '^([A-Z]{2}[1-5]\\d{12}|\\d{10})$' },
    HO_TEN: { type: 'string', minLength: 1, maxLength: 200 },
    NGAY_SINH: isoDate,
    GIOI_TINH: { enum: [1, 2, 3] },
    SO_CCCD: { type: 'string', pattern: '^\\d{12}$' },
    SO_CMND: { type: 'string', pattern: '^\\d{9}$' },
    DIA_CHI: { type: 'string', minLength: 1, maxLength: 300 },
    MA_XA: { type: 'string', pattern: '^\\d{5}$' },
    MA_DOI_TUONG: { type: 'string', pattern: '^[A-Z]{2}$' },
    MUC_HUONG: { type: 'integer', minimum: 1, maximum: 5 },
    MA_DKBD: { type: 'string', pattern: '^\\d{2}[0-9A-Z]{3}$' },
    GT_THE_TU: isoDate,
    GT_THE_DEN: isoDate,
    NGAY_CAP_NHAT: { type: 'string', format: 'date-time' },
    DA_XOA: { const: 1 }
  }
} as const
