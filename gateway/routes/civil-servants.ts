// Civil servants: the merged record of one cadre, civil servant or public employee by staff code,
// for the home-affairs department (Sở Nội vụ). The most sensitive entity of the hub: no citizen
// route lists it, no demo client is granted it, and every read goes through the grant and the
// audit chain like any personal-data read (docs/sources/civil-servant.md).
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import { civilServantSchema } from '../../schemas/civil-servant.js'
import { deletedAt } from '../../records/reader.js'
import { ApiProblem } from '../problem.js'
import { personalDataResponses } from '../plugins/access-control.js'
import { asOfResponses, readQuerySchema, type RecordQuery } from '../read/query.js'
import { readRecord } from '../read/read-record.js'
import { recordSchema } from '../read/record-body.js'
import { notModifiedResponse, readHeaders } from '../read/release.js'

export function civilServantRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Params: { staffCode: string }, Querystring: RecordQuery }>('/v1/civil-servants/:staffCode', {
      schema: {
        tags: ['civil-servants'],
        summary: 'Merged record of one civil servant (home affairs only)',
        params: {
          type: 'object',
          required: ['staffCode'],
          properties: {
            staffCode: {
              ...civilServantSchema.properties.staffCode,
              examples: [civilServantSchema.examples[0].staffCode]
            }
          }
        },
        headers: readHeaders,
        querystring: readQuerySchema({ asOf: true }),
        response: {
          200: recordSchema('civil-servant', 'Civil-servant fields (canonical CivilServant, partial).',
            civilServantSchema.examples[0]),
          ...notModifiedResponse,
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' },
          ...asOfResponses,
          ...personalDataResponses
        }
      }
    }, async (request, reply) => await readRecord(store, request, reply, {
      entity: 'civil-servant',
      id: request.params.staffCode,
      notFound: asOf => new ApiProblem(404, 'LT_ERR_CIVIL_SERVANT_NOT_FOUND', 'No such civil servant',
        asOf === undefined
          ? 'The hub holds no record for this staff code.'
          : `The hub knew no record for this staff code at ${asOf}.`),
      deleted: view => new ApiProblem(410, 'LT_ERR_CIVIL_SERVANT_DELETED', 'Civil servant deleted at its source',
        `The personnel database deleted this record at ${deletedAt(view) ?? 'an unknown time'}.`)
    }, request.query))
  }
}
