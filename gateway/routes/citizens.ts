// Citizens: the golden record of one person, with where its values came from.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { PersonDoc } from '../../consumers/golden-person.js'
import { ApiProblem } from '../problem.js'

const citizenResponse = {
  $id: 'CitizenResponse',
  title: 'CitizenResponse',
  type: 'object',
  required: ['data', 'meta'],
  properties: {
    data: { $ref: 'Person#' },
    meta: {
      type: 'object',
      required: ['version', 'source'],
      properties: {
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
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(citizenResponse)
    app.get<{ Params: { personalId: string } }>('/v1/citizens/:personalId', {
      schema: {
        tags: ['citizens'],
        summary: 'Golden record of one citizen',
        params: {
          type: 'object',
          required: ['personalId'],
          properties: { personalId: { type: 'string', pattern: '^\\d{12}$', description: '12-digit personal id' } }
        },
        response: { 200: { $ref: 'CitizenResponse#' }, 404: { $ref: 'Problem#' }, 410: { $ref: 'Problem#' } }
      }
    }, async request => {
      const doc = await store.get('persons', request.params.personalId) as PersonDoc | undefined
      if (doc === undefined || doc.person === null) {
        throw new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen', 'The hub holds no record for this personal id.')
      }
      if (doc.deleted) throw new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source', `The source deleted this record at ${doc.provenance.sourceTime}.`)
      return { data: doc.person, meta: { version: doc.version, source: doc.provenance } }
    })
  }
}
