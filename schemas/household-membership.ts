// Canonical HouseholdMembership: one person in one household over a span of time. The residence
// database reports moves person by person, so this is the fact that arrives; Household is the view.
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, personalIdSchema, wardCodeSchema } from './common.js'
import { householdIdSchema } from './household.js'
import { relationToHeadSchema } from './household-relation.js'

export const householdMembershipSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/household-membership.json',
  title: 'HouseholdMembership',
  description: 'A person belonging to a household, with the relationship to its head, from a date and, once they ' +
    'left, to a date.',
  type: 'object',
  additionalProperties: false,
  required: ['householdId', 'personalId', 'headPersonalId', 'relationToHead', 'wardCode', 'fromDate'],
  properties: {
    householdId: householdIdSchema,
    personalId: { ...personalIdSchema, description: 'Personal id of the member.' },
    headPersonalId: {
      ...personalIdSchema,
      description: 'Personal id of the household head (the member themselves when relationToHead is 01).'
    },
    relationToHead: relationToHeadSchema,
    wardCode: { ...wardCodeSchema, description: 'Current ward code of the household\'s address.' },
    fromDate: { ...dateSchema, description: 'Date the person joined the household.' },
    toDate: { ...dateSchema, description: 'Date the person left; absent while they belong to it.' }
  },
  examples: [{
    householdId: 'HO-31135-000123',
    personalId: '092187004321',
    headPersonalId: '092085001234',
    relationToHead: '02',
    wardCode: '31135',
    fromDate: '2010-06-20'
  }]
} as const

export type HouseholdMembership = FromSchema<typeof householdMembershipSchema>
