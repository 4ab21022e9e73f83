// OpenAPI document at /docs/json and Swagger UI at /docs. Registered before the routes so it sees
// them; shared schemas keep their own names as components.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { operationIdOf } from '../openapi/operation-ids.js'
import { renameRoute } from '../openapi/renamed-paths.js'
import { documentErrors } from '../openapi/error-responses.js'
import { requireOperator } from './access-control.js'
import { changeWebhook } from '../routes/subscriptions/subscription-schemas.js'

/**
 * A success response with no description of its own is described by its route's summary; Swagger
 * UI would show "Default Response" for it. A new schema object: the route's own is left as it is.
 */
export function describeSuccessResponses (
  schema: Record<string, unknown> | undefined
): Record<string, unknown> | undefined {
  const responses = schema?.response as Record<string, Record<string, unknown>> | undefined
  const summary = schema?.summary
  if (responses === undefined || typeof summary !== 'string') return schema
  const described = Object.fromEntries(Object.entries(responses).map(([code, response]) =>
    [code, /^2\d\d$/.test(code) && typeof response === 'object' && response.description === undefined
      ? { ...response, description: summary }
      : response]))
  return { ...schema, response: described }
}

// Routes anyone may call (access control lets them through unauthenticated): no key in the docs.
const publicPrefixes = ['/docs', '/health/', '/v1/schemas']

export interface OpenapiOptions {
  /** Whether the limits plugin answers 429 (a rate limit is set); documented on every route then. */
  rateLimited?: boolean
}

const methodsOf = (route: { method: string | string[] }): string[] =>
  Array.isArray(route.method) ? route.method : [route.method]

async function openapi (app: FastifyInstance, { rateLimited = false }: OpenapiOptions): Promise<void> {
  app.addHook('onRoute', function (route) {
    renameRoute(route, twin => { this.route(twin) })
    const isPublic = publicPrefixes.some(p => route.url.startsWith(p))
    const [method] = methodsOf(route)
    route.schema = {
      ...route.schema,
      operationId: operationIdOf(method, route.url),
      ...(isPublic ? { security: [] } : {})
    }
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Liên Thông API',
        version: '1.0.0',
        description: 'Shared, standardized citizen data for the departments and one-stop shops of Cần Thơ. ' +
          'Every error is application/problem+json with a stable `code` (docs/api.md); an unknown method on a known ' +
          'path answers 405 with Allow, an unsupported body media type 415.',
        license: { name: 'Proprietary: City of Cần Thơ; all rights reserved', identifier: 'LicenseRef-Proprietary' }
      },
      // Relative: the hub that serves this document serves the API, whatever its address.
      servers: [{ url: '/', description: 'The hub serving this document' }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key issued by an operator (POST /v1/admin/clients): ' +
              'Authorization: Bearer lt_<keyId>_<secret>.'
          }
        }
      },
      // Every route needs a key except docs, health and schemas (marked with security: [] there).
      security: [{ apiKey: [] }],
      // What a subscriber's URL receives (POST /v1/subscriptions; docs/subscriptions.md).
      webhooks: { change: changeWebhook as never },
      tags: [
        {
          name: 'subscriptions',
          description: 'Outbound change subscriptions: webhooks (Standard Webhooks, CloudEvents) within your grant ' +
            '(docs/subscriptions.md)'
        },
        { name: 'unresolved', description: 'Records waiting for a legacy CMND to be linked to a personal id' },
        { name: 'data-quality', description: 'Counts of records whose merged data contradicts itself' },
        {
          name: 'prefill',
          description: 'Dossier prefill for one-stop software: procedures and their form fields filled from ' +
            'golden records'
        },
        {
          name: 'citizens',
          description: 'Golden records of citizens: by personal id, legacy CMND or BHYT number, restricted search, ' +
            'and what they are linked to (docs/api.md)'
        },
        { name: 'households', description: 'Households of the residence database, with their members' },
        { name: 'land-parcels', description: 'Cadastral land parcels, by id or by land-use certificate serial' },
        {
          name: 'civil-servants',
          description: 'Cadres, civil servants and public employees by staff code (home affairs only; audited)'
        },
        { name: 'conflicts', description: 'Fields on which source systems disagree (operators; audited)' },
        { name: 'schemas', description: 'Canonical JSON Schemas of the hub\'s entities and event envelopes' },
        { name: 'health', description: 'Liveness and readiness' },
        {
          name: 'connectors',
          description: 'The connector registry for integrators: register a declarative source, dry-run its mapping, ' +
            'status, pause, resume, run, and push endpoints (docs/connectors.md)'
        },
        {
          name: 'dead letters',
          description: 'Records every stage refused, with the reason and where they came from; ' +
            'replayed once the cause is fixed (operators)'
        },
        { name: 'admin', description: 'API clients, keys and grants (operators only; docs/security-model.md)' },
        {
          name: 'infrastructure',
          description: 'Urban technical infrastructure (GIS) as GeoJSON feature collections with a bounding-box ' +
            'filter; not personal data, read behind a grant'
        }
      ]
    },
    transform: ({ schema, url, route }) => {
      const own = describeSuccessResponses(schema as Record<string, unknown> | undefined) ?? {}
      // Public routes need no API key; the push route checks its own token and declares its 401.
      const authenticated = !publicPrefixes.some(p => url.startsWith(p)) &&
        (route as RouteOptions).config?.public !== true
      const onRequest = (route as RouteOptions).onRequest
      const operatorOnly = [onRequest].flat().includes(requireOperator)
      return { schema: documentErrors(own, { authenticated, rateLimited, operatorOnly }) as typeof schema, url }
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.title ?? json.$id ?? `def-${i}`)
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}

export default fp(openapi, { name: 'openapi' })
