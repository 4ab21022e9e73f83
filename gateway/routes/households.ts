// Households: the merged record of one household of the residence database (head, members with
// their relation to the head, address), optionally as the hub knew it at a past time.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import { householdIdSchema } from '../../schemas/household.js'
import { asOfQuerySchema, deletedAt, lookupRecord, parseAsOf, recordResponse, recordResponseSchema } from '../../consumers/merger/read-model.js'
import { ApiProblem } from '../problem.js'
import { personalDataResponses, purposeHeaders } from '../plugins/access-control.js'
import { projectFields } from '../security/projection.js'
import type { EntityName } from '../security/entities.js'
import { linkedPersonIds } from '../../consumers/merger/links.js'

// Grants name the canonical entity; gateway/security/entities.ts lists it so grants can be made.
const ENTITY = 'household' as EntityName

export function householdRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Params: { householdId: string }, Querystring: { asOf?: string } }>('/v1/households/:householdId', {
      schema: {
        tags: ['households'],
        summary: 'Merged record of one household',
        params: { type: 'object', required: ['householdId'], properties: { householdId: householdIdSchema } },
        headers: purposeHeaders,
        querystring: asOfQuerySchema,
        response: { 200: recordResponseSchema('Household fields (canonical Household, partial).'), 404: { $ref: 'Problem#' }, 410: { $ref: 'Problem#' }, ...personalDataResponses }
      }
    }, async request => {
      // Grant first: a client without one learns nothing, not even whether the record exists.
      const granted = await request.access.grantedFields(ENTITY)
      const asOf = request.query.asOf === undefined ? undefined : parseAsOf(request.query.asOf)
      if (request.query.asOf !== undefined && asOf === undefined) {
        throw new ApiProblem(400, 'LT_ERR_AS_OF_INVALID', 'asOf is not a valid time', `'${request.query.asOf}' is not a calendar date or date-time.`, [{ path: 'querystring/asOf', message: 'is not a valid date or date-time' }])
      }
      const found = await lookupRecord(store, 'household', request.params.householdId, asOf)
      if (found.kind === 'missing') {
        throw new ApiProblem(404, 'LT_ERR_HOUSEHOLD_NOT_FOUND', 'No such household', asOf === undefined ? 'The hub holds no record for this household id.' : `The hub knew no record for this household id at ${asOf}.`)
      }
      if (found.kind === 'deleted') throw new ApiProblem(410, 'LT_ERR_HOUSEHOLD_DELETED', 'Household deleted at its sources', `Every source deleted this household; the last at ${deletedAt(found.view) ?? 'an unknown time'}.`)
      const { data, returned } = projectFields(found.view.fields, granted)
      await request.access.audit({ entity: ENTITY, subjects: linkedPersonIds('household', found.view.fields), fields: returned })
      return recordResponse(found.view, new Date(), { asOf, data, returned })
    })
  }
}
