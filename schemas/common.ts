// Pieces every canonical schema shares (ids, dates, codes, addresses), kept here once and spread
// into each schema. Spread rather than `$ref`: every schema the gateway serves then stands alone,
// FromSchema needs no `references`, and Fastify (which renames `$id`s) can compile any of them.
// Code lists come from the Vietnam rules so a list is written down in one place only.
import { ETHNICITIES } from './vietnam/ethnicity.js'
import { MAX_YEAR, MIN_YEAR } from './vietnam/dates.js'

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'
export const SCHEMA_BASE_URL = 'https://lienthong.cantho.gov.vn/schemas/'

export const personalIdSchema = {
  type: 'string',
  pattern: '^\\d{12}$',
  description: 'Số định danh cá nhân: 12 digits PPP G YY NNNNNN, no spaces.'
} as const

export const legacyCmndSchema = {
  type: 'string',
  pattern: '^\\d{9}$',
  description: 'Legacy 9-digit identity card number (CMND).'
} as const

// Years outside MIN_YEAR-MAX_YEAR (1900-2100) in citizen data are typing errors
// (schemas/vietnam/dates.ts); the pattern spells that window out and a test keeps the two in step.
export const dateSchema = {
  type: 'string',
  format: 'date',
  pattern: '^(19\\d{2}|20\\d{2}|2100)-\\d{2}-\\d{2}$',
  description: `Calendar date yyyy-MM-dd, years ${MIN_YEAR}-${MAX_YEAR}.`
} as const

export const birthYearSchema = {
  type: 'integer',
  minimum: MIN_YEAR,
  maximum: MAX_YEAR,
  description: 'Year of birth, when the record holds no full date (common for parents in civil-status books).'
} as const

export const wardCodeSchema = {
  type: 'string',
  pattern: '^\\d{5}$',
  description: 'Current (since 1 July 2025) 5-digit ward/commune code. Old codes are mapped by the normalizer before ' +
    'data reaches a canonical entity.'
} as const

export const oldWardCodeSchema = {
  type: 'string',
  pattern: '^\\d{5}$',
  description: '5-digit ward/commune code as it was when the record was made (pre-2025 codes are kept, never remapped).'
} as const

export const addressSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['line', 'wardCode'],
  description: 'An address inside the city: the free-text part and the current ward code.',
  properties: {
    line: {
      type: 'string',
      minLength: 1,
      maxLength: 300,
      description: 'House number, street, hamlet (ấp) or quarter (khu vực); NFC.'
    },
    wardCode: wardCodeSchema
  }
} as const

export const fullNameSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  description: 'Full name, NFC, family name first.'
} as const

export const sexSchema = {
  enum: ['male', 'female', 'unknown'],
  description: 'Sex; source codes (Nam/Nữ, 1/2/3) are mapped by the normalizer.'
} as const

// Computed once at import: a pure copy of the code table, no I/O.
const ethnicityCodes: string[] = ETHNICITIES.map(e => e.code)

export const ethnicityCodeSchema = {
  type: 'string',
  enum: ethnicityCodes,
  description: 'Ethnic group code 01-54 (GSO list): 01 Kinh, 04 Hoa, 05 Khơ-me, …'
} as const

// Only codes 00-05 are in the reference; other recognised religions have codes too, so the schema
// checks the shape and leaves the list to schemas/vietnam/religion.ts.
export const religionCodeSchema = {
  type: 'string',
  pattern: '^\\d{2}$',
  description: 'Religion code of the population database: 00 none, 01 Buddhism, 02 Catholic, 03 Protestant, 04 Cao ' +
    'Đài, 05 Hòa Hảo, others as issued.'
} as const

export const nationalitySchema = {
  type: 'string',
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2, e.g. VN.'
} as const

export const authoritySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  description: 'The public body that registered or issued the record.',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. UBND phường Ninh Kiều; NFC.' },
    wardCode: {
      ...wardCodeSchema,
      description: 'Ward/commune of the body, when it is a ward or commune People\'s Committee (code at the time of ' +
        'registration).'
    }
  }
} as const

/** Where a civil-status register entry sits: number and, for paper registers, the book. */
export const registerEntryProperties = {
  registrationId: {
    type: 'string',
    pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$',
    description: 'Key of the registration in its source system (letters, digits, . / -).'
  },
  registrationNumber: {
    type: 'string',
    minLength: 1,
    maxLength: 30,
    description: 'Số đăng ký as printed on the extract.'
  },
  bookNumber: {
    type: 'string',
    minLength: 1,
    maxLength: 30,
    description: 'Quyển số of a paper register, when there is one.'
  },
  registrationDate: { ...dateSchema, description: 'Date of registration.' },
  registeringAuthority: authoritySchema
} as const
