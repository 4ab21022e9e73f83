// The residence database (cư trú) as its API serves it: one record per resident, with the
// household number and relation to its head; dd/MM/yyyy dates, gender M/F, ethnicity by name.
import { datePattern } from '../runner/date-patterns.js'

const personalId = { type: 'string', pattern: '^\\d{12}$' } as const
const ddMMyyyy = { type: 'string', pattern: datePattern('dd/MM/yyyy') } as const
const address = (required: string[]) => ({
  type: 'object',
  required,
  properties: {
    wardCode: { type: 'string', pattern: '^\\d{5}$' },
    addressLine: { type: 'string', minLength: 1, maxLength: 300 },
    since: ddMMyyyy,
    from: ddMMyyyy,
    to: ddMMyyyy
  }
}) as const

export const residentRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/residence/residents.json',
  type: 'object',
  required: [
    'personalId',
    'fullName',
    'dateOfBirth',
    'gender',
    'householdId',
    'relationToHead',
    'headPersonalId',
    'permanentResidence',
    'updatedAt'
  ],
  properties: {
    personalId,
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    dateOfBirth: ddMMyyyy,
    gender: { enum: ['M', 'F'] },
    ethnicity: { type: 'string', minLength: 1 },
    householdId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,39}$' },
    relationToHead: { type: 'string', pattern: '^\\d{2}$' },
    headPersonalId: personalId,
    permanentResidence: address(['wardCode', 'addressLine']),
    temporaryResidence: address(['wardCode', 'addressLine']),
    status: { enum: ['active', 'deceased', 'moved-out'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    deleted: { type: 'boolean' }
  }
} as const

// Built by the runner from the residents of one household (see connector.ts): no source serves it.
export const householdRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/residence/households.json',
  type: 'object',
  required: ['householdId', 'headPersonalId', 'address', 'members', 'updatedAt'],
  properties: {
    householdId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,39}$' },
    headPersonalId: personalId,
    address: address(['wardCode', 'addressLine']),
    members: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['personalId', 'relationToHead'],
        properties: {
          personalId,
          fullName: { type: 'string', minLength: 1 },
          relationToHead: { type: 'string', pattern: '^\\d{2}$' }
        }
      }
    },
    updatedAt: { type: 'string', format: 'date-time' }
  }
} as const
