// Canonical Person: what the hub holds about one citizen, keyed by the 12-digit personal id.
import type { FromSchema } from 'json-schema-to-ts'

export const personSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/person.json',
  title: 'Person',
  type: 'object',
  additionalProperties: false,
  required: ['personalId', 'fullName', 'familyName', 'middleName', 'givenName', 'birthDate', 'sex'],
  properties: {
    personalId: { type: 'string', pattern: '^\\d{12}$', description: 'Số định danh cá nhân (12 digits).', examples: ['092085001234'] },
    legacyCmnd: { type: 'string', pattern: '^\\d{9}$', description: 'Legacy 9-digit identity card number (CMND).' },
    fullName: { type: 'string', minLength: 1, maxLength: 200, description: 'NFC, family name first.', examples: ['Nguyễn Văn An'] },
    familyName: { type: 'string', minLength: 1 },
    middleName: { type: 'string', description: 'Empty when there is none.' },
    givenName: { type: 'string', minLength: 1 },
    birthDate: { type: 'string', format: 'date' },
    sex: { enum: ['male', 'female', 'unknown'] },
    placeOfBirth: { type: 'string' },
    ethnicityCode: { type: 'string', pattern: '^\\d{2}$' },
    nationality: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' },
    dateOfDeath: { type: 'string', format: 'date' }
  }
} as const

export type Person = FromSchema<typeof personSchema>
