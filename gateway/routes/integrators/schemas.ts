// Canonical schemas: the JSON Schemas (draft 2020-12) of every entity the hub holds and of the
// change-event envelope, so departments validate their data with the rules the hub applies.
import type { FastifyInstance } from 'fastify'
import { canonicalSchemas, isCanonicalSchemaName, listCanonicalSchemas } from '../../../schemas/catalog.js'
import { ApiProblem } from '../../problem.js'

const schemaList = {
  $id: 'SchemaList',
  title: 'SchemaList',
  type: 'object',
  required: ['data'],
  properties: {
    data: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'id', 'title', 'description'],
        properties: {
          name: { type: 'string', description: 'Use it in GET /v1/schemas/{name}.' },
          // Not called `$id`: schema tooling (the OpenAPI ref resolver) takes that key for a keyword.
          id: { type: 'string', format: 'uri', description: 'The schema\'s `$id`: its canonical URI, for `$ref`.' },
          title: { type: 'string' },
          description: { type: 'string' }
        }
      }
    }
  }
} as const

// A schema is served as data, so it is declared as an open object: Fastify's draft-07 ajv never
// compiles the 2020-12 schema itself, it only passes it through.
const servedSchema = {
  type: 'object', additionalProperties: true, description: 'A JSON Schema, draft 2020-12.'
} as const

export function schemaRoutes () {
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(schemaList)
    app.get('/v1/schemas', {
      schema: {
        tags: ['schemas'],
        summary: 'Canonical schemas the hub publishes',
        response: { 200: { $ref: 'SchemaList#' } }
      }
    }, async () => ({ data: listCanonicalSchemas() }))

    app.get<{ Params: { name: string } }>('/v1/schemas/:name', {
      schema: {
        tags: ['schemas'],
        summary: 'One canonical JSON Schema (draft 2020-12)',
        params: {
          type: 'object',
          required: ['name'],
          properties: {
            name: {
              type: 'string',
              pattern: '^[a-z][a-z0-9-]{0,63}$',
              description: 'Schema name, as listed by GET /v1/schemas'
            }
          }
        },
        response: {
          200: {
            description: 'The schema, as application/schema+json.',
            content: { 'application/schema+json': { schema: servedSchema } }
          },
          404: { $ref: 'Problem#' }
        }
      }
    }, async (request, reply) => {
      const { name } = request.params
      if (!isCanonicalSchemaName(name)) {
        throw new ApiProblem(404, 'LT_ERR_SCHEMA_NOT_FOUND', 'No such schema',
          `There is no canonical schema named "${name}"; GET /v1/schemas lists them.`)
      }
      return await reply.type('application/schema+json').send(canonicalSchemas[name])
    })
  }
}
