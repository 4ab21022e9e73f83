// Citizens: the golden record of one person, with where its values came from.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { PersonDoc } from '../../consumers/golden-person.js'
import { ApiProblem } from '../problem.js'
import { personalDataResponses } from '../plugins/access-control.js'
import { projectFields } from '../security/projection.js'
import { isGoldenRecord } from '../../consumers/merger/golden-record.js'
import { deletedAt } from '../../consumers/merger/read-model.js'
import { readQuerySchema, type RecordQuery } from '../read/query.js'
import { readRecord, selection } from '../read/read-record.js'
import { personExample, recordMetaSchema } from '../read/record-body.js'
import { notModifiedResponse, readHeaders, release } from '../read/release.js'
import { entityTag } from '../read/etag.js'

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
      sources: { 'ho-tich': { holds: true, sourceTime: '2026-01-01T00:01:00.000Z', ingestTime: '2026-01-01T00:01:05.000Z', lagSeconds: 5, ageSeconds: 86400, connector: 'civil-status', connectorVersion: '1.0.0', lastEventId: 'e-1' } }
    }
  }]
} as const

export const personalIdParams = {
  type: 'object',
  required: ['personalId'],
  properties: { personalId: { type: 'string', pattern: '^\\d{12}$', description: '12-digit personal id', examples: ['092085001234'] } }
} as const

export const citizenNotFound = (asOf?: string): ApiProblem =>
  new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen', asOf === undefined ? 'The hub holds no record for this personal id.' : `The hub knew no record for this personal id at ${asOf}.`)

export function citizenRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(citizenResponse)
    app.get<{ Params: { personalId: string }, Querystring: RecordQuery }>('/v1/citizens/:personalId', {
      schema: {
        tags: ['citizens'],
        summary: 'Golden record of one citizen',
        description: 'Only the granted fields (narrowed by `fields=`), freshness per source, provenance with `include=provenance`, the record as the hub knew it with `asOf`. ETag and If-None-Match; audited.',
        headers: readHeaders,
        params: personalIdParams,
        querystring: readQuerySchema({ asOf: true }),
        response: { 200: { $ref: 'CitizenResponse#' }, ...notModifiedResponse, 404: { $ref: 'Problem#' }, 410: { $ref: 'Problem#' }, ...personalDataResponses }
      }
    }, async (request, reply) => {
      const { personalId } = request.params
      // Grant first: a client without one learns nothing, not even whether the citizen exists.
      await request.access.grantedFields('person')
      const doc = await store.get('persons', personalId) as PersonDoc | undefined
      // Golden records of the merger (consumers/merger); the branch below serves the older shape.
      if (isGoldenRecord(doc) || request.query.asOf !== undefined) {
        return await readRecord(store, request, reply, {
          entity: 'person',
          id: personalId,
          notFound: citizenNotFound,
          deleted: view => new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source', `Every source deleted this record; the last at ${deletedAt(view) ?? 'an unknown time'}.`)
        }, request.query)
      }
      const selected = await selection(request, 'person', request.query.fields)
      if (doc === undefined || doc.person === null) throw citizenNotFound()
      if (doc.deleted) throw new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source', `The source deleted this record at ${doc.provenance.sourceTime}.`)
      const { data, returned } = projectFields(doc.person, selected)
      return await release(request, reply, {
        read: { entity: 'person', subjects: [personalId], fields: returned },
        tag: entityTag({ shape: 'person-consumer', id: personalId, version: doc.version, fields: selected }),
        body: { data, meta: { version: doc.version, source: doc.provenance } }
      })
    })
  }
}
