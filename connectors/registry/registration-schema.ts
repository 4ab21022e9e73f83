// JSON Schema of a registration body. Checks the shape; validate-registration.ts checks what a
// schema cannot (raw schemas compile, keys exist, the mapping fits, the URL is allowed, …).
const slug = { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } as const
const paramName = { type: 'string', pattern: '^[A-Za-z0-9_.\\-\\[\\]]{1,64}$' } as const
const path = {
  type: 'string',
  pattern: '^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$',
  description: 'Dotted path in the page body.'
} as const
const fieldName = { type: 'string', pattern: '^[A-Za-z_$][A-Za-z0-9_$]{0,127}$' } as const

export const registrationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/connector-registration.json',
  title: 'ConnectorRegistration',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'sourceSystem', 'mode', 'streams', 'mapping'],
  properties: {
    id: slug,
    version: {
      type: 'string',
      pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$',
      description: 'semver; a PUT must raise it'
    },
    sourceSystem: slug,
    title: { type: 'string', maxLength: 200 },
    mode: { enum: ['poll', 'push'] },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'schedule', 'pageSize', 'paging'],
      properties: {
        url: { type: 'string', maxLength: 2048 },
        schedule: { type: 'string', minLength: 9, maxLength: 100, description: 'six-field cron, seconds first' },
        pageSize: { type: 'integer', minimum: 1, maximum: 5000 },
        timeoutMs: { type: 'integer', minimum: 100, maximum: 120000 },
        headers: {
          type: 'object',
          maxProperties: 20,
          propertyNames: { pattern: '^[A-Za-z0-9-]{1,64}$' },
          additionalProperties: {
            oneOf: [
              { type: 'string', maxLength: 1024 },
              {
                type: 'object',
                additionalProperties: false,
                required: ['fromConfig'],
                properties: { fromConfig: fieldName }
              }
            ]
          }
        },
        paging: {
          type: 'object',
          additionalProperties: false,
          required: ['style', 'params', 'records'],
          properties: {
            style: { enum: ['cursor', 'page', 'offset'] },
            params: {
              type: 'object',
              additionalProperties: false,
              required: ['limit'],
              properties: {
                limit: paramName,
                updatedSince: paramName,
                afterKey: paramName,
                page: paramName,
                offset: paramName
              }
            },
            firstPage: { enum: [0, 1] },
            records: path,
            next: path,
            hasMore: path
          }
        }
      }
    },
    streams: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'primaryKey', 'cursorField', 'rawSchema'],
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
          path: { type: 'string', pattern: '^/[A-Za-z0-9/_.~-]*$', maxLength: 512 },
          primaryKey: fieldName,
          cursorField: fieldName,
          rawSchema: { type: 'object' }
        }
      }
    },
    config: {
      type: 'object',
      additionalProperties: false,
      required: ['schema', 'values'],
      properties: { schema: { type: 'object' }, values: { type: 'object' } }
    },
    push: {
      type: 'object',
      additionalProperties: false,
      properties: {
        token: { type: 'string', minLength: 32, maxLength: 512, pattern: '^[\\x21-\\x7e]+$', writeOnly: true }
      }
    },
    mapping: { type: 'object' }
  }
} as const
