// Operators manage API clients and their keys: create a client (its first key is shown once),
// list and inspect clients, disable one, issue a second key (rotation: issue, switch, then revoke
// the old one) and revoke a key. Changes made here are seen at once by this process and within
// the key-cache TTL by the others.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { ApiProblem } from '../../problem.js'
import { requireOperator } from '../../plugins/access-control.js'
import {
  clientIdPattern, createClient, getClient, issueKey, listClients, listKeys, revokeKey, setClientDisabled,
  type ApiClient
} from '../../security/clients.js'
import { clientKinds, clientSchema, issuedKeySchema, keyInfoSchema } from '../../security/client-schemas.js'
import { listGrants } from '../../security/grants.js'

const clientParams = {
  type: 'object', required: ['clientId'], properties: { clientId: { type: 'string', pattern: clientIdPattern } }
} as const
const noClient = (id: string): ApiProblem =>
  new ApiProblem(404, 'LT_ERR_CLIENT_NOT_FOUND', 'No such client', `There is no API client '${id}'.`)
const problem = { $ref: 'Problem#' } as const
const adminProblems = { 400: problem, 401: problem, 403: problem } as const

export function adminClientRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireOperator)
    app.addSchema(clientSchema)
    app.addSchema(keyInfoSchema)
    app.addSchema(issuedKeySchema)

    const mustExist = async (id: string): Promise<ApiClient> => {
      const client = await getClient(store, id)
      if (client === undefined) throw noClient(id)
      return client
    }

    app.post<{ Body: { id: string, name: string, kind: ApiClient['kind'] } }>('/v1/admin/clients', {
      schema: {
        tags: ['admin'],
        summary: 'Create an API client and its first key',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name', 'kind'],
          properties: {
            id: { type: 'string', pattern: clientIdPattern },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            kind: { type: 'string', enum: [...clientKinds] }
          }
        },
        response: {
          201: {
            type: 'object',
            required: ['client', 'key'],
            properties: { client: { $ref: 'ApiClient#' }, key: { $ref: 'IssuedApiKey#' } }
          },
          409: problem, ...adminProblems
        }
      }
    }, async (request, reply) => {
      const client = await createClient(store, request.body)
      if (client === undefined) {
        throw new ApiProblem(409, 'LT_ERR_CLIENT_EXISTS', 'Client exists',
          `An API client '${request.body.id}' already exists.`)
      }
      const { key, info } = await issueKey(store, client.id)
      const by = request.access.principal.clientId
      request.log.info({ clientId: client.id, kind: client.kind, keyId: info.keyId, by }, 'API client created')
      return await reply.code(201).send({ client, key: { key, keyId: info.keyId, createdAt: info.createdAt } })
    })

    app.get<{ Querystring: { limit: number, after?: string } }>('/v1/admin/clients', {
      schema: {
        tags: ['admin'],
        summary: 'List API clients',
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            after: {
              type: 'string', pattern: clientIdPattern, description: 'id of the last client of the previous page'
            }
          }
        },
        response: {
          200: {
            type: 'object', required: ['data'], properties: { data: { type: 'array', items: { $ref: 'ApiClient#' } } }
          },
          ...adminProblems
        }
      }
    }, async request => ({ data: await listClients(store, request.query) }))

    app.get<{ Params: { clientId: string } }>('/v1/admin/clients/:clientId', {
      schema: {
        tags: ['admin'],
        summary: 'One API client with its keys (never the keys themselves) and grants',
        params: clientParams,
        response: {
          200: {
            type: 'object',
            required: ['client', 'keys', 'grants'],
            properties: {
              client: { $ref: 'ApiClient#' },
              keys: { type: 'array', items: { $ref: 'ApiKeyInfo#' } },
              grants: { type: 'array', items: { $ref: 'Grant#' } }
            }
          },
          404: problem, ...adminProblems
        }
      }
    }, async request => {
      const client = await mustExist(request.params.clientId)
      const [keys, grants] = await Promise.all([listKeys(store, client.id), listGrants(store, client.id)])
      return { client, keys, grants }
    })

    app.patch<{ Params: { clientId: string }, Body: { disabled: boolean } }>('/v1/admin/clients/:clientId', {
      schema: {
        tags: ['admin'],
        summary: 'Disable or re-enable a client (all its keys stop working)',
        params: clientParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['disabled'],
          properties: { disabled: { type: 'boolean' } }
        },
        response: { 200: { $ref: 'ApiClient#' }, 404: problem, ...adminProblems }
      }
    }, async request => {
      const client = await setClientDisabled(store, request.params.clientId, request.body.disabled)
      if (client === undefined) throw noClient(request.params.clientId)
      app.accessControl.authenticator.forget()
      const by = request.access.principal.clientId
      request.log.info({ clientId: client.id, disabled: client.disabled, by }, 'API client changed')
      return client
    })

    app.post<{ Params: { clientId: string } }>('/v1/admin/clients/:clientId/keys', {
      schema: {
        tags: ['admin'],
        summary: 'Issue another key (rotation: switch to it, then revoke the old one)',
        params: clientParams,
        response: { 201: { $ref: 'IssuedApiKey#' }, 404: problem, ...adminProblems }
      }
    }, async (request, reply) => {
      const client = await mustExist(request.params.clientId)
      const { key, info } = await issueKey(store, client.id)
      const by = request.access.principal.clientId
      request.log.info({ clientId: client.id, keyId: info.keyId, by }, 'API key issued')
      return await reply.code(201).send({ key, keyId: info.keyId, createdAt: info.createdAt })
    })

    app.delete<{ Params: { clientId: string, keyId: string } }>('/v1/admin/clients/:clientId/keys/:keyId', {
      schema: {
        tags: ['admin'],
        summary: 'Revoke a key',
        params: {
          type: 'object',
          required: ['clientId', 'keyId'],
          properties: {
            clientId: { type: 'string', pattern: clientIdPattern }, keyId: { type: 'string', pattern: '^[0-9a-f]{16}$' }
          }
        },
        response: { 200: { $ref: 'ApiKeyInfo#' }, 404: problem, ...adminProblems }
      }
    }, async request => {
      const { clientId, keyId } = request.params
      const info = await revokeKey(store, clientId, keyId)
      if (info === undefined) {
        throw new ApiProblem(404, 'LT_ERR_KEY_NOT_FOUND', 'No such key', `Client '${clientId}' has no key '${keyId}'.`)
      }
      app.accessControl.authenticator.forget()
      request.log.info({ clientId, keyId, by: request.access.principal.clientId }, 'API key revoked')
      return info
    })
  }
}
