// The connector registry: register a declarative connector, list, read, update (semver must go
// up) and remove it. Integrators and operators. Secrets (writeOnly config values, the push token) are never
// returned.
import type { FastifyInstance } from 'fastify'
import { requireRegistry } from '../plugins/access-control.js'
import { answerRegistryErrors, idParams, problems, type ConnectorApiDeps } from './connector-deps.js'
import { connectorListResponse, connectorViewSchema } from './connector-schemas.js'

const body = { type: 'object', description: 'A connector registration (see docs/connectors.md); validated by the registry, which answers LT_ERR_CONNECTOR_INVALID with every error and its path.' } as const

export function connectorRoutes ({ registry }: ConnectorApiDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    answerRegistryErrors(app)
    app.addHook('onRequest', requireRegistry)
    app.addSchema(connectorViewSchema)
    const tags = ['connectors']

    app.post('/v1/connectors', { schema: { tags, summary: 'Register a declarative connector', body, response: { 201: { $ref: 'ConnectorView#', description: 'Registered; not paused. Secrets left out.', headers: { location: { type: 'string', description: '/v1/connectors/{id}' } } }, ...problems } } }, async (request, reply) => {
      const view = await registry.register(request.body)
      return await reply.code(201).header('location', `/v1/connectors/${view.id}`).send(view)
    })

    app.get('/v1/connectors', { schema: { tags, summary: 'Built-in and registered connectors', response: { 200: connectorListResponse, ...problems } } }, async () => ({ data: await registry.list() }))

    app.get<{ Params: { id: string } }>('/v1/connectors/:id', { schema: { tags, summary: 'One connector (secrets left out)', params: idParams, response: { 200: { $ref: 'ConnectorView#', description: 'The connector, secrets left out.' }, ...problems } } }, async request => await registry.view(request.params.id))

    app.put<{ Params: { id: string } }>('/v1/connectors/:id', { schema: { tags, summary: 'Register a new version (semver must increase; write-only values left out are kept)', params: idParams, body, response: { 200: { $ref: 'ConnectorView#', description: 'The new version, secrets left out; the runner switches to it within a few seconds.' }, ...problems } } }, async request =>
      await registry.update(request.params.id, request.body))

    app.delete<{ Params: { id: string } }>('/v1/connectors/:id', { schema: { tags, summary: 'Remove a registered connector (its cursors are reset)', params: idParams, response: { 204: { type: 'null', description: 'Removed. No body.' }, ...problems } } }, async (request, reply) => {
      await registry.remove(request.params.id)
      return await reply.code(204).send()
    })
  }
}
