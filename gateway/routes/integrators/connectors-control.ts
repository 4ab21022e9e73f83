// Desired state of a connector, set here and carried out by the connectors role (possibly another
// process) within a few seconds: pause, resume, run now; and the status it reports back.
import type { FastifyInstance } from 'fastify'
import { requireRegistry } from '../../plugins/access-control.js'
import { RegistryError } from '../../../connectors/registry/registry-error.js'
import { idParams, problems, type ConnectorApiDeps } from '../connector-deps.js'
import { connectorStatusSchema, runRequestedResponse } from './connector-schemas.js'

export function connectorControlRoutes ({ registry }: ConnectorApiDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireRegistry)
    app.addSchema(connectorStatusSchema)
    const tags = ['connectors']
    type Req = { Params: { id: string } }

    app.get<Req>('/v1/connectors/:id/status', { schema: { tags, summary: 'Counters (read, published, rejected), ' +
      'last success, last error, lag', params: idParams, response: {
        200: {
          $ref: 'ConnectorStatus#',
          description: 'Counters and health as the connectors role last reported them.'
        },
        ...problems
      } } }, async request =>
      await registry.status(request.params.id))

    app.post<Req>('/v1/connectors/:id/pause', {
      schema: {
        tags,
        summary: 'Stop polling (the cursor is kept)',
        params: idParams,
        response: {
          202: {
            $ref: 'ConnectorStatus#',
            description: 'Paused: the runner stops within a few seconds. The status now.'
          },
          ...problems
        }
      }
    }, async (request, reply) => {
      await registry.setPaused(request.params.id, true)
      return await reply.code(202).send(await registry.status(request.params.id))
    })

    app.post<Req>('/v1/connectors/:id/resume', {
      schema: {
        tags,
        summary: 'Poll again from the saved cursor',
        params: idParams,
        response: {
          202: {
            $ref: 'ConnectorStatus#',
            description: 'Resumed: the runner starts within a few seconds. The status now.'
          },
          ...problems
        }
      }
    }, async (request, reply) => {
      await registry.setPaused(request.params.id, false)
      return await reply.code(202).send(await registry.status(request.params.id))
    })

    app.post<Req>('/v1/connectors/:id/run', {
      schema: {
        tags,
        summary: 'Run now, outside the schedule',
        params: idParams,
        response: { 202: runRequestedResponse, ...problems }
      }
    }, async (request, reply) => {
      const view = await registry.view(request.params.id)
      if (view.mode !== 'poll') {
        throw new RegistryError(409, 'LT_ERR_CONNECTOR_NOT_POLL',
          `connector '${view.id}' does not poll; its source pushes`)
      }
      if (view.paused) {
        throw new RegistryError(409, 'LT_ERR_CONNECTOR_PAUSED', `connector '${view.id}' is paused; resume it first`)
      }
      const control = await registry.requestRun(request.params.id)
      return await reply.code(202).send({ id: view.id, runRequestedAt: control.runRequestedAt })
    })
  }
}
