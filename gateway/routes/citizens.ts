// Citizens: the golden record of one person, with where its values came from.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { PersonDoc } from '../../consumers/golden-person.js'
import { ApiProblem } from '../problem.js'
import { personalDataResponses, purposeHeaders } from '../plugins/access-control.js'
import { projectFields } from '../security/projection.js'
import { isGoldenRecord } from '../../consumers/merger/golden-record.js'
import { asOfQuerySchema, deletedAt, lookupRecord, parseAsOf, recordResponse, recordResponseSchema } from '../../consumers/merger/read-model.js'

const citizenResponse = {
  $id: 'CitizenResponse',
  title: 'CitizenResponse',
  type: 'object',
  required: ['data', 'meta'],
  properties: {
    data: { $ref: 'PersonView#' },
    meta: {
      type: 'object',
      required: ['version', 'source'],
      properties: {
        ...recordResponseSchema('').properties.meta.properties,
        version: { type: 'integer', description: 'Increases with every change the hub applied.' },
        source: {
          type: 'object',
          required: ['sourceSystem', 'sourceTime', 'ingestTime', 'connectorVersion'],
          properties: {
            sourceSystem: { type: 'string' },
            sourceTime: { type: 'string', format: 'date-time' },
            ingestTime: { type: 'string', format: 'date-time' },
            connectorVersion: { type: 'string' }
          }
        }
      }
    }
  }
} as const

export function citizenRoutes (store: Store) {
  async function mergedCitizen (personalId: string, asOfText: string | undefined, granted: readonly string[], audit: FastifyRequest['access']['audit']) {
    const asOf = asOfText === undefined ? undefined : parseAsOf(asOfText)
    if (asOfText !== undefined && asOf === undefined) {
      throw new ApiProblem(400, 'LT_ERR_AS_OF_INVALID', 'asOf is not a valid time', `'${asOfText}' is not a calendar date or date-time.`, [{ path: 'querystring/asOf', message: 'is not a valid date or date-time' }])
    }
    const found = await lookupRecord(store, 'person', personalId, asOf)
    if (found.kind === 'missing') {
      throw new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen', asOf === undefined ? 'The hub holds no record for this personal id.' : `The hub knew no record for this personal id at ${asOf}.`)
    }
    if (found.kind === 'deleted') throw new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source', `Every source deleted this record; the last at ${deletedAt(found.view) ?? 'an unknown time'}.`)
    const { data, returned } = projectFields(found.view.fields, granted)
    await audit({ entity: 'person', subjects: [personalId], fields: returned })
    return recordResponse(found.view, new Date(), { asOf, data, returned })
  }

  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(citizenResponse)
    app.get<{ Params: { personalId: string }, Querystring: { asOf?: string } }>('/v1/citizens/:personalId', {
      schema: {
        tags: ['citizens'],
        summary: 'Golden record of one citizen',
        headers: purposeHeaders,
        params: {
          type: 'object',
          required: ['personalId'],
          properties: { personalId: { type: 'string', pattern: '^\\d{12}$', description: '12-digit personal id' } }
        },
        querystring: asOfQuerySchema,
        response: { 200: { $ref: 'CitizenResponse#' }, 404: { $ref: 'Problem#' }, 410: { $ref: 'Problem#' }, ...personalDataResponses }
      }
    }, async request => {
      // Grant first: a client without one learns nothing, not even whether the citizen exists.
      const granted = await request.access.grantedFields('person')
      const doc = await store.get('persons', request.params.personalId) as PersonDoc | undefined
      // Golden records of the merger (consumers/merger); the branch below serves the older shape.
      if (isGoldenRecord(doc) || request.query.asOf !== undefined) return await mergedCitizen(request.params.personalId, request.query.asOf, granted, request.access.audit)
      if (doc === undefined || doc.person === null) {
        throw new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen', 'The hub holds no record for this personal id.')
      }
      if (doc.deleted) throw new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source', `The source deleted this record at ${doc.provenance.sourceTime}.`)
      const { data, returned } = projectFields(doc.person, granted)
      await request.access.audit({ entity: 'person', subjects: [request.params.personalId], fields: returned })
      return { data, meta: { version: doc.version, source: doc.provenance } }
    })
  }
}
