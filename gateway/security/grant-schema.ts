// A grant as the admin API returns it: the JSON Schema the routes declare
// (gateway/routes/admin/grants.ts) and, derived from it, the type the code uses.
import type { SchemaType } from '../schema-type.js'
import { entityNames } from './entities.js'

export const grantSchema = {
  $id: 'Grant',
  title: 'Grant',
  type: 'object',
  required: ['clientId', 'purpose', 'entity', 'fields', 'updatedAt'],
  properties: {
    clientId: { type: 'string' },
    purpose: {
      type: 'string',
      description: 'Procedure code (e.g. 1.001193) or legal-basis code; matched exactly against X-Purpose.'
    },
    entity: { type: 'string', enum: entityNames },
    fields: {
      type: 'array', items: { type: 'string' },
      description: 'Field paths the client may read; nothing else is ever returned.'
    },
    updatedAt: { type: 'string', format: 'date-time' }
  }
} as const

export type Grant = SchemaType<typeof grantSchema>
