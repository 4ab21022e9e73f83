// Canonical Household: one household of the residence database (households replaced the paper
// household books on 1 Jan 2023), keyed by its household id, with its members.
import type { FromSchema } from 'json-schema-to-ts'
import { addressSchema, dateSchema, fullNameSchema, personalIdSchema } from './common.js'
import { relationToHeadSchema } from './household-relation.js'

export const householdIdSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,39}$',
  description: 'Household id (mã hộ) from the residence database; opaque: letters, digits and hyphens.'
} as const

export const householdSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/household.json',
  title: 'Household',
  description: 'A household registered at one permanent address: its head and members with their relationship to the ' +
    'head. Exactly one member is the head (01) and has headPersonalId; the schema requires at least one head, the ' +
    'normalizer checks the rest.',
  type: 'object',
  additionalProperties: false,
  required: ['householdId', 'headPersonalId', 'address', 'members'],
  properties: {
    householdId: householdIdSchema,
    headPersonalId: { ...personalIdSchema, description: 'Personal id of the household head (chủ hộ).' },
    address: addressSchema,
    registeredOn: { ...dateSchema, description: 'Date the household was registered at this address.' },
    members: {
      type: 'array',
      minItems: 1,
      description: 'Current members, the head included.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['personalId', 'relationToHead'],
        properties: {
          personalId: personalIdSchema,
          fullName: fullNameSchema,
          relationToHead: relationToHeadSchema
        }
      },
      contains: { type: 'object', required: ['relationToHead'], properties: { relationToHead: { const: '01' } } }
    }
  },
  examples: [{
    householdId: 'HO-31135-000123',
    headPersonalId: '092085001234',
    address: { line: '12 đường Hòa Bình, khu vực 3', wardCode: '31135' },
    registeredOn: '2023-01-01',
    members: [
      { personalId: '092085001234', fullName: 'Nguyễn Văn An', relationToHead: '01' },
      { personalId: '092187004321', fullName: 'Trần Thị Mai', relationToHead: '02' },
      { personalId: '092212000777', fullName: 'Nguyễn Minh Khoa', relationToHead: '03' }
    ]
  }]
} as const

export type Household = FromSchema<typeof householdSchema>
export type HouseholdMember = Household['members'][number]
