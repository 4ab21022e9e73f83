// Citizens: the golden record of one person, with where its values came from.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses } from '../../plugins/access-control.js'
import { deletedAt } from '../../../records/reader.js'
import { asOfResponses, readQuerySchema, type RecordQuery } from '../../read/query.js'
import { readRecord } from '../../read/read-record.js'
import { personExample, recordMetaSchema } from '../../read/record-body.js'
import { notModifiedResponse, readHeaders } from '../../read/release.js'

export const citizenResponse = {
  $id: 'CitizenResponse',
  title: 'CitizenResponse',
  type: 'object',
  required: ['data', 'meta'],
  properties: {
    data: { $ref: 'PersonView#' },
    meta: { ...recordMetaSchema, required: ['version'] }
  },
  examples: [{
    data: personExample,
    meta: {
      entity: 'person', id: '092085001234', version: 3, validFrom: '2026-01-01T00:02:05.000Z',
      sources: {
        'ho-tich': {
            holds: true,
            sourceTime: '2026-01-01T00:01:00.000Z',
            ingestTime: '2026-01-01T00:01:05.000Z',
            lagSeconds: 5,
            ageSeconds: 86400,
            connector: 'civil-status',
            connectorVersion: '1.0.0',
            lastEventId: 'ev_x3Jq9VbTzK0mP2nLw4rYsA'
        }
      }
    }
  }]
} as const

export const personalIdParams = {
  type: 'object',
  required: ['personalId'],
  properties: {
    personalId: {
      type: 'string',
      pattern: '^\\d{12}$',
      description: '12-digit personal id',
      examples: ['092085001234']
    }
  }
} as const

export const citizenNotFound = (asOf?: string): ApiProblem =>
  new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen', asOf === undefined
    ? 'The hub holds no record for this personal id.'
    : `The hub knew no record for this personal id at ${asOf}.`)

export function citizenRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(citizenResponse)
    app.get<{ Params: { personalId: string }, Querystring: RecordQuery }>('/v1/citizens/:personalId', {
      schema: {
        tags: ['citizens'],
        summary: 'Golden record of one citizen',
        description: 'Only the granted fields (narrowed by `fields=`), freshness per source, provenance with ' +
          '`include=provenance`, the record as the hub knew it with `asOf`. ETag and If-None-Match; audited.',
        headers: readHeaders,
        params: personalIdParams,
        querystring: readQuerySchema({ asOf: true }),
        response: {
          200: { $ref: 'CitizenResponse#' },
          ...notModifiedResponse,
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' },
          ...asOfResponses,
          ...personalDataResponses
        }
      }
    }, async (request, reply) => {
      const { personalId } = request.params
      // Grant first: a client without one learns nothing, not even whether the citizen exists.
      await request.access.grantedFields('person')
      return await readRecord(store, request, reply, {
        entity: 'person',
        id: personalId,
        notFound: citizenNotFound,
        deleted: view => new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source',
          `Every source deleted this record; the last at ${deletedAt(view) ?? 'an unknown time'}.`)
      }, request.query)
    })
  }
}
