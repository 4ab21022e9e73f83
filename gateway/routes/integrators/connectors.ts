// The connector registry: register a declarative connector, list, read, update (semver must go
// up) and remove it. Integrators and operators. Secrets (writeOnly config values, the push token)
// are never returned.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { registrationSchema } from '../../../connectors/registry/registration-schema.js'
import { requireRegistry } from '../../plugins/access-control.js'
import { idParams, problems, type ConnectorApiDeps } from '../connector-deps.js'
import { connectorListResponse, connectorViewSchema } from './connector-schemas.js'

// The registration schema the registry checks, published as the request body so clients and
// generators see the real shape. The registry stays the judge (attachValidation below): it answers
// LT_ERR_CONNECTOR_INVALID with every error and its path, shape and cross-field rules alike.
const { $schema: _dialect, $id: _id, ...registrationShape } = registrationSchema
const body = {
  ...registrationShape,
  description: 'A connector registration (see docs/connectors.md). Beyond this shape the registry checks what a ' +
    'schema cannot: the mode\'s parts (poll: source, no push; push: push.token, no source), the paging style\'s ' +
      'parameters, a six-field cron schedule, raw schemas that compile with the primary key and cursor field, a ' +
        'config schema documenting every field with values that fit it, a mapping that covers the streams, and a ' +
          'source URL the SSRF guard allows. Any failure: 400 LT_ERR_CONNECTOR_INVALID (or the SSRF code) ' +
          'with every error and its path.'
} as const

/**
 * Body errors are the registry's to report (with its code); other parts' errors stand as they are.
 * (Fastify checks params before the body, and these routes take no query or header schema.)
 */
function bodyLeftToRegistry (request: FastifyRequest): void {
  const error = request.validationError
  if (error != null && error.validationContext !== 'body') throw error
}

export function connectorRoutes ({ registry }: ConnectorApiDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireRegistry)
    app.addSchema(connectorViewSchema)
    const tags = ['connectors']

    app.post('/v1/connectors', {
      attachValidation: true,
      schema: {
        tags,
        summary: 'Register a declarative connector',
        body,
        response: {
          201: {
            $ref: 'ConnectorView#',
            description: 'Registered; not paused. Secrets left out.',
            headers: { location: { type: 'string', description: '/v1/connectors/{id}' } }
          },
          ...problems
        }
      }
    }, async (request, reply) => {
      bodyLeftToRegistry(request)
      const view = await registry.register(request.body)
      return await reply.code(201).header('location', `/v1/connectors/${view.id}`).send(view)
    })

    app.get('/v1/connectors', {
      schema: {
        tags,
        summary: 'Built-in and registered connectors',
        response: { 200: connectorListResponse, ...problems }
      }
    }, async () => ({ data: await registry.list() }))

    app.get<{ Params: { id: string } }>('/v1/connectors/:id', {
      schema: {
        tags,
        summary: 'One connector (secrets left out)',
        params: idParams,
        response: { 200: { $ref: 'ConnectorView#', description: 'The connector, secrets left out.' }, ...problems }
      }
    }, async request => await registry.view(request.params.id))

    app.put<{ Params: { id: string } }>('/v1/connectors/:id', {
      attachValidation: true,
      schema: {
        tags,
        summary: 'Register a new version (semver must increase; write-only values left out are kept)',
        params: idParams,
        body,
        response: {
          200: {
            $ref: 'ConnectorView#',
            description: 'The new version, secrets left out; the runner switches to it within a few seconds.'
          },
          ...problems
        }
      }
    }, async request => {
      bodyLeftToRegistry(request)
      return await registry.update(request.params.id, request.body)
    })

    app.delete<{ Params: { id: string } }>('/v1/connectors/:id', { schema: { tags, summary: 'Remove a registered ' +
      'connector (its cursors are reset)', params: idParams, response: {
        204: { type: 'null', description: 'Removed. No body.' },
        ...problems
      } } }, async (request, reply) => {
      await registry.remove(request.params.id)
      return await reply.code(204).send()
    })
  }
}
