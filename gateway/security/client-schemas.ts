// API clients and their keys as the admin API returns them: the JSON Schemas the routes declare
// (gateway/routes/admin/clients.ts) and, derived from them, the types the code uses, so a field is
// named once.
import type { SchemaType } from '../schema-type.js'

export const clientKinds = ['department', 'one-stop', 'integrator', 'operator'] as const
export type ClientKind = typeof clientKinds[number]
export const clientIdPattern = '^[a-z][a-z0-9-]{1,62}$'

export const clientSchema = {
  $id: 'ApiClient',
  title: 'ApiClient',
  type: 'object',
  required: ['id', 'name', 'kind', 'disabled', 'createdAt'],
  properties: {
    id: { type: 'string', pattern: clientIdPattern },
    name: { type: 'string' },
    kind: { type: 'string', enum: [...clientKinds], description: 'operator clients may use the admin API' },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' }
  }
} as const

export const keyInfoSchema = {
  $id: 'ApiKeyInfo',
  title: 'ApiKeyInfo',
  type: 'object',
  required: ['keyId', 'clientId', 'createdAt', 'revokedAt'],
  properties: {
    keyId: { type: 'string' },
    clientId: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' }
  }
} as const

export const issuedKeySchema = {
  $id: 'IssuedApiKey',
  title: 'IssuedApiKey',
  type: 'object',
  required: ['key', 'keyId', 'createdAt'],
  properties: {
    key: {
      type: 'string', description: 'The key itself. Shown this once: the hub keeps only a salted scrypt hash.'
    },
    keyId: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' }
  }
} as const

export type ApiClient = SchemaType<typeof clientSchema>
export type KeyInfo = SchemaType<typeof keyInfoSchema>
