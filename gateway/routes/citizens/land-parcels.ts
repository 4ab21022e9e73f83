// Land parcels: the merged record of one cadastral parcel (where, how large, what for, who holds
// it), optionally as the hub knew it at a past time; with a notarization grant, the notarized transactions on it.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { landParcelIdSchema } from '../../../schemas/land-parcel.js'
import { deletedAt } from '../../../records/reader.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses } from '../../plugins/access-control.js'
import { asOfResponses, readQuerySchema, type RecordQuery } from '../../read/query.js'
import { readRecord } from '../../read/read-record.js'
import { recordSchema } from '../../read/record-body.js'
import { notModifiedResponse, readHeaders } from '../../read/release.js'
import { parcelNotarizations, parcelNotarizationsSchema } from '../../read/parcel-notarizations.js'

export const landParcelExample = { parcelId: '31147-12-345', areaM2: 120.5, holderPersonalIds: ['092085001234'] }

/** The parcel's answer with the notarized transactions on it (gateway/read/parcel-notarizations.ts). */
const withNotarizations = (schema: Record<string, unknown>): Record<string, unknown> =>
  ({ ...schema, properties: { ...schema.properties as object, notarizations: parcelNotarizationsSchema } })

export function landParcelRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Params: { parcelId: string }, Querystring: RecordQuery }>('/v1/land-parcels/:parcelId', {
      schema: {
        tags: ['land-parcels'],
        summary: 'Merged record of one land parcel',
        description: 'With a `notarization` grant for the purpose, also the notarized transactions on the parcel ' +
          '(`notarizations`).',
        params: {
          type: 'object',
          required: ['parcelId'],
          properties: { parcelId: { ...landParcelIdSchema, examples: ['31147-12-345'] } }
        },
        headers: readHeaders,
        querystring: readQuerySchema({ asOf: true }),
        response: {
          200: withNotarizations(
            recordSchema('land-parcel', 'Land parcel fields (canonical LandParcel, partial).', landParcelExample)),
          ...notModifiedResponse,
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' },
          ...asOfResponses,
          ...personalDataResponses
        }
      }
    }, async (request, reply) => await readRecord(store, request, reply, {
      entity: 'land-parcel',
      id: request.params.parcelId,
      notFound: asOf => new ApiProblem(404, 'LT_ERR_LAND_PARCEL_NOT_FOUND', 'No such land parcel', asOf === undefined
        ? 'The hub holds no record for this parcel id.'
        : `The hub knew no record for this parcel id at ${asOf}.`),
      deleted: view => new ApiProblem(410, 'LT_ERR_LAND_PARCEL_DELETED', 'Land parcel deleted at its sources',
        `Every source deleted this parcel; the last at ${deletedAt(view) ?? 'an unknown time'}.`),
      related: async (view, options) => await parcelNotarizations(store, request, view, options)
    }, request.query))
  }
}
