// Operators manage grants: which fields of which entity a client may read for which purpose.
// Grants are data, checked on every read; a change here is seen at once by this process and
// within the grant-cache TTL by the others. No grant, no access.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { ApiProblem } from '../../problem.js'
import { requireOperator } from '../../plugins/access-control.js'
import { clientIdPattern, getClient } from '../../security/clients.js'
import { entityNames, grantableEntities, isEntityName } from '../../security/entities.js'
import { deleteGrant, listGrants, purposePattern, putGrant } from '../../security/grants.js'

const problem = { $ref: 'Problem#' } as const
const adminProblems = { 400: problem, 401: problem, 403: problem } as const
const grantParams = {
  type: 'object',
  required: ['clientId', 'entity', 'purpose'],
  properties: {
    clientId: { type: 'string', pattern: clientIdPattern },
    entity: { type: 'string', enum: entityNames },
    purpose: { type: 'string', pattern: purposePattern }
  }
} as const

export function adminGrantRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireOperator)

    app.get('/v1/admin/entities', {
      schema: {
        tags: ['admin'],
        summary: 'Entities a grant can name, with their grantable field paths',
        response: {
          200: {
            type: 'object',
            required: ['data'],
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['entity', 'description', 'fields'],
                  properties: {
                    entity: { type: 'string' },
                    description: { type: 'string' },
                    fields: { type: 'array', items: { type: 'string' } }
                  }
                }
              }
            }
          },
          ...adminProblems
        }
      }
    }, async () => ({ data: entityNames.map(entity => ({ entity, ...grantableEntities[entity] })) }))

    app.get<{ Params: { clientId: string } }>('/v1/admin/clients/:clientId/grants', {
      schema: {
        tags: ['admin'],
        summary: 'Grants of one client',
        params: {
          type: 'object', required: ['clientId'], properties: { clientId: { type: 'string', pattern: clientIdPattern } }
        },
        response: {
          200: {
            type: 'object', required: ['data'], properties: { data: { type: 'array', items: { $ref: 'Grant#' } } }
          },
          ...adminProblems
        }
      }
    }, async request => ({ data: await listGrants(store, request.params.clientId) }))

    type PutGrant = { Params: { clientId: string, entity: string, purpose: string }, Body: { fields: string[] } }
    app.put<PutGrant>('/v1/admin/clients/:clientId/grants/:entity/:purpose', {
      schema: {
        tags: ['admin'],
        summary: 'Create or replace a grant',
        params: grantParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['fields'],
          properties: { fields: { type: 'array', minItems: 1, maxItems: 200, items: { type: 'string', minLength: 1 } } }
        },
        response: { 200: { $ref: 'Grant#' }, 404: problem, ...adminProblems }
      }
    }, async request => {
      const { clientId, entity, purpose } = request.params
      if (!isEntityName(entity)) {
        throw new ApiProblem(400, 'LT_ERR_VALIDATION', 'Unknown entity', `No entity '${entity}'.`)
      }
      const known = new Set<string>(grantableEntities[entity].fields)
      const unknown = request.body.fields.filter(f => !known.has(f))
      if (unknown.length > 0) {
        const listed = unknown.map(f => `'${f}'`).join(', ')
        throw new ApiProblem(400, 'LT_ERR_GRANT_FIELD_UNKNOWN', 'Unknown fields in grant',
          `Entity '${entity}' has no field ${listed}; GET /v1/admin/entities lists the grantable ones.`,
          unknown.map(f =>
            ({ path: `body/fields/${request.body.fields.indexOf(f)}`, message: `is not a field of ${entity}` })))
      }
      if (await getClient(store, clientId) === undefined) {
        throw new ApiProblem(404, 'LT_ERR_CLIENT_NOT_FOUND', 'No such client', `There is no API client '${clientId}'.`)
      }
      const grant = await putGrant(store, { clientId, purpose, entity, fields: request.body.fields })
      app.accessControl.grants.forget()
      const by = request.access.principal.clientId
      request.log.info({ clientId, purpose, entity, fields: grant.fields.length, by }, 'grant set')
      return grant
    })

    type DeleteGrant = { Params: { clientId: string, entity: string, purpose: string } }
    app.delete<DeleteGrant>('/v1/admin/clients/:clientId/grants/:entity/:purpose', {
      schema: {
        tags: ['admin'],
        summary: 'Remove a grant',
        params: grantParams,
        response: { 204: { type: 'null' }, 404: problem, ...adminProblems }
      }
    }, async (request, reply) => {
      const { clientId, entity, purpose } = request.params
      if (!isEntityName(entity) || !await deleteGrant(store, clientId, purpose, entity)) {
        throw new ApiProblem(404, 'LT_ERR_GRANT_NOT_FOUND', 'No such grant',
          `Client '${clientId}' has no grant for purpose '${purpose}' on entity '${entity}'.`)
      }
      app.accessControl.grants.forget()
      request.log.info({ clientId, purpose, entity, by: request.access.principal.clientId }, 'grant removed')
      return await reply.code(204).send()
    })
  }
}
