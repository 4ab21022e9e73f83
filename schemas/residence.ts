// Canonical Residence: one permanent or temporary residence registration of one person (Law on
// Residence 2020). A person has at most one current permanent residence; history keeps the rest.
import type { FromSchema } from 'json-schema-to-ts'
import { addressSchema, dateSchema, personalIdSchema } from './common.js'
import { householdIdSchema } from './household.js'

export const residenceSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/residence.json',
  title: 'Residence',
  description: 'Where a person is registered to live, permanently (thường trú) or temporarily (tạm trú), and since ' +
    'when.',
  type: 'object',
  additionalProperties: false,
  required: ['personalId', 'kind', 'address', 'fromDate'],
  properties: {
    personalId: personalIdSchema,
    kind: { enum: ['permanent', 'temporary'], description: 'permanent: thường trú; temporary: tạm trú.' },
    address: addressSchema,
    fromDate: { ...dateSchema, description: 'Date the registration took effect.' },
    toDate: {
      ...dateSchema,
      description: 'Date it ended (moved away, or a temporary stay expired); absent while current.'
    },
    householdId: {
      ...householdIdSchema,
      description: 'Household the person belongs to at this address, when registered in one.'
    }
  },
  examples: [{
    personalId: '092085001234',
    kind: 'permanent',
    address: { line: '12 đường Hòa Bình, khu vực 3', wardCode: '31135' },
    fromDate: '2010-06-20',
    householdId: 'HO-31135-000123'
  }]
} as const

export type Residence = FromSchema<typeof residenceSchema>
