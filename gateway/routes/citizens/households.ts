// Households: the merged record of one household of the residence database (head, members with
// their relation to the head, address), optionally as the hub knew it at a past time.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { householdIdSchema } from '../../../schemas/household.js'
import { deletedAt } from '../../../records/reader.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses } from '../../plugins/access-control.js'
import { asOfResponses, readQuerySchema, type RecordQuery } from '../../read/query.js'
import { readRecord } from '../../read/read-record.js'
import { recordSchema } from '../../read/record-body.js'
import { notModifiedResponse, readHeaders } from '../../read/release.js'

export const householdExample = {
  householdId: 'HO-31135-000123',
  headPersonalId: '092085001234',
  address: { line: '12 Hòa Bình', wardCode: '31135' },
  members: [{ personalId: '092085001234', relationToHead: '01' }, { personalId: '092212000777', relationToHead: '03' }]
}

export function householdRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Params: { householdId: string }, Querystring: RecordQuery }>('/v1/households/:householdId', {
      schema: {
        tags: ['households'],
        summary: 'Merged record of one household',
        params: {
          type: 'object',
          required: ['householdId'],
          properties: { householdId: { ...householdIdSchema, examples: ['HO-31135-000123'] } }
        },
        headers: readHeaders,
        querystring: readQuerySchema({ asOf: true }),
        response: {
          200: recordSchema('household', 'Household fields (canonical Household, partial).', householdExample),
          ...notModifiedResponse,
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' },
          ...asOfResponses,
          ...personalDataResponses
        }
      }
    }, async (request, reply) => await readRecord(store, request, reply, {
      entity: 'household',
      id: request.params.householdId,
      notFound: asOf => new ApiProblem(404, 'LT_ERR_HOUSEHOLD_NOT_FOUND', 'No such household', asOf === undefined
        ? 'The hub holds no record for this household id.'
        : `The hub knew no record for this household id at ${asOf}.`),
      deleted: view => new ApiProblem(410, 'LT_ERR_HOUSEHOLD_DELETED', 'Household deleted at its sources',
        `Every source deleted this household; the last at ${deletedAt(view) ?? 'an unknown time'}.`)
    }, request.query))
  }
}
