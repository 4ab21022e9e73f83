// Push mode: a source posts batches of raw records. Authenticated by the connector's own push
// token (not an API key: the source is not an API client), validated per record, partially
// accepted (202 with a status per record), idempotent on the source's event id.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiProblem } from '../../problem.js'
import { bearerToken } from '../../security/bearer.js'
import { AuthThrottledError } from '../../security/auth-throttle.js'
import { throttledProblem } from '../../plugins/access-control.js'
import { verifyToken } from '../../../connectors/push/push-token.js'
import type { RegistrationDoc } from '../../../connectors/registry/registry-docs.js'
import type { PushedEvent } from '../../../connectors/push/push-intake.js'
import type { ConnectorRegistry } from '../../../connectors/registry/registry.js'
import { idParams, type ConnectorApiDeps } from '../connector-deps.js'
import { pushOutcomeResponse } from './connector-schemas.js'

/**
 * The one place push requests are authenticated: `Authorization: Bearer <push token>` checked
 * against the scrypt hash stored at registration. Swap this function to change the scheme.
 * Failures share the API keys' throttle (per connector and per address): 429 above it.
 */
export async function authenticatePush (
  registry: ConnectorRegistry, id: string, request: FastifyRequest, reply: FastifyReply
): Promise<RegistrationDoc> {
  const token = bearerToken(request.headers.authorization)
  const doc = await registry.registrationDoc(id)
  const unauthenticated = new ApiProblem(401, 'LT_ERR_UNAUTHENTICATED', 'Authentication required',
    'Send the connector\'s push token as Authorization: Bearer <token>.')
  // Unknown connector and wrong token answer alike, so the endpoint does not reveal which ids exist.
  if (token === undefined || doc?.pushTokenHash === undefined) throw unauthenticated
  const throttle = request.server.accessControl.authThrottle
  const subjects = { address: request.ip, keyId: `push:${id}` }
  const waitMs = throttle.admit(subjects)
  if (waitMs > 0) throw throttledProblem(reply, new AuthThrottledError(waitMs))
  if (!(await verifyToken(token, doc.pushTokenHash))) throw unauthenticated
  throttle.succeeded(subjects)
  return doc
}

export function connectorPushRoutes ({ registry, intake, push }: ConnectorApiDeps) {
  const body = {
    type: 'object',
    required: ['events'],
    properties: {
      events: {
        type: 'array',
        minItems: 1,
        maxItems: push.maxRecords,
        items: {
          type: 'object',
          required: ['eventId', 'record'],
          properties: {
            eventId: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'The source\'s id of this change; a repeat is answered as duplicate and published once.'
            },
            stream: {
              type: 'string',
              pattern: '^[a-z0-9-]{1,64}$',
              description: 'Needed when the connector has more than one stream.'
            },
            op: { enum: ['c', 'u', 'd'] },
            record: { type: 'object' }
          }
        }
      }
    }
  } as const

  // The push token is checked before the body is read or validated: without it, nothing about the body is answered.
  const authenticated = new WeakMap<FastifyRequest, RegistrationDoc>()
  return async function (app: FastifyInstance): Promise<void> {
    app.post<{ Params: { id: string }, Body: { events: PushedEvent[] } }>('/v1/connectors/:id/events', {
      bodyLimit: push.bodyLimitBytes,
      // Not an API-client route: the push token is checked below instead.
      config: { public: true },
      onRequest: async (request, reply) => {
        const { id } = request.params as { id: string }
        authenticated.set(request, await authenticatePush(registry, id, request, reply))
      },
      schema: {
        tags: ['connectors'],
        summary: 'A source pushes raw records (push-mode connectors); 202 with a status per record',
        params: idParams,
        body,
        response: {
          202: pushOutcomeResponse,
          400: { $ref: 'Problem#' },
          401: { $ref: 'Problem#' },
          409: { $ref: 'Problem#' },
          413: { $ref: 'Problem#' },
          429: { $ref: 'Problem#' }
        }
      }
    }, async (request, reply) => {
      const doc = authenticated.get(request) ?? await authenticatePush(registry, request.params.id, request, reply)
      const outcome = await intake(doc, request.body.events)
      return await reply.code(202).send(outcome)
    })
  }
}
