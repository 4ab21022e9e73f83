// Lookups by the other keys real work needs: a legacy 9-digit CMND or a BHYT number to the person,
// a land-use certificate serial to its parcels. The key is parsed by the Vietnamese rules (stable
// LT_ERR_ codes of schemas/vietnam), resolved through the hub's link data, and the answer goes
// through the same read pipeline as a read by id: grant, fields=, include=, ETag, audit.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { parseBhytNumber, parseCertificateSerial, parseCmnd } from '../../../schemas/vietnam/index.js'
import type { RecordView } from '../../../records/golden-record.js'
import { deletedAt, liveRecords, lookupRecord } from '../../../records/reader.js'
import { healthCardsByNumber } from '../../../records/lookups.js'
import { linkedPersonIds } from '../../../records/links.js'
import { personOfCmnd } from '../../../records/legacy-ids.js'
import { landParcelIdSchema } from '../../../schemas/land-parcel.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses } from '../../plugins/access-control.js'
import { asOfResponses, readQuerySchema, type ListQuery, type RecordQuery } from '../../read/query.js'
import { readRecord, selection } from '../../read/read-record.js'
import { listSchema, releaseList } from '../../read/read-list.js'
import { openCursor, sealedPageOf } from '../../read/pagination.js'
import { refsFor } from '../../security/opaque-refs.js'
import { includeOptions } from '../../read/include.js'
import { notModifiedResponse, readHeaders } from '../../read/release.js'
import { citizenNotFound, citizenResponse } from './records.js'
import { landParcelExample } from './land-parcels.js'

const badKey = (code: string, message: string, param: string): ApiProblem =>
  new ApiProblem(400, code, 'The key is not valid', message, [{ path: `params/${param}`, message }])

const citizenDeleted = (view: RecordView): ApiProblem =>
  new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source',
    `Every source deleted this record; the last at ${deletedAt(view) ?? 'an unknown time'}.`)

/**
 * The holder of the cards with this number. Cards are keyed by the social-insurance number (the
 * BHYT connector) or by the printed card number (other sources); the social-insurance number, the
 * last 10 characters of an old card, is the person's stable key, so every card carrying it counts.
 */
async function holderOfCard (store: Store, value: string, ssn: string): Promise<string> {
  const cardsFound = await healthCardsByNumber(store, value, ssn)
  if (cardsFound.length === 0) {
    throw new ApiProblem(404, 'LT_ERR_HEALTH_CARD_NOT_FOUND', 'No such health insurance card',
      'The hub holds no card with this number or social-insurance number.')
  }
  const holders = [...new Set(cardsFound.flatMap(v => linkedPersonIds('health-insurance-card', v.fields)))]
  if (holders.length === 0) {
    throw new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen',
      'The card names no holder by personal id yet.')
  }
  if (holders.length > 1) {
    throw new ApiProblem(409, 'LT_ERR_HEALTH_CARD_AMBIGUOUS', 'The cards name different holders',
      'Cards with this social-insurance number name more than one holder; ' +
      'ask the data steward (GET /v1/conflicts) or look the citizen up by personal id.')
  }
  return holders[0]
}

const personResponse = {
  200: {
    $ref: 'CitizenResponse#',
    description: 'The citizen\'s golden record, as GET /v1/citizens/{personalId} answers it: granted fields only, ' +
      'freshness per source.'
  },
  ...notModifiedResponse,
  404: { $ref: 'Problem#' },
  410: { $ref: 'Problem#' },
  ...asOfResponses,
  ...personalDataResponses
} as const

export function citizenLookupRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(citizenResponse)
    const readPerson = async (
      request: FastifyRequest<{ Querystring: RecordQuery }>, reply: Parameters<typeof readRecord>[2], personalId: string
    ) =>
      await readRecord(store, request, reply, {
        entity: 'person',
        id: personalId,
        notFound: citizenNotFound,
        deleted: citizenDeleted
      }, request.query)

    app.get<{ Params: { cmnd: string }, Querystring: RecordQuery }>('/v1/citizens/by-cmnd/:cmnd', {
      schema: {
        tags: ['citizens'],
        summary: 'The citizen who held a legacy 9-digit identity card (CMND)',
        description: 'Resolved through the links the normalizer learned from sources that show both numbers. Same ' +
          'answer as GET /v1/citizens/{personalId}.',
        headers: readHeaders,
        params: {
          type: 'object',
          required: ['cmnd'],
          properties: {
            cmnd: { type: 'string', minLength: 1, maxLength: 20, description: '9-digit CMND.', examples: ['361999888'] }
          }
        },
        querystring: readQuerySchema({ asOf: true }),
        response: personResponse
      }
    }, async (request, reply) => {
      // Grant first: a client without one learns nothing, not even whether the card is known.
      await selection(request, 'person', request.query.fields)
      const cmnd = parseCmnd(request.params.cmnd)
      if (!cmnd.ok) throw badKey(cmnd.code, cmnd.message, 'cmnd')
      const personalId = await personOfCmnd(store, cmnd.value)
      if (personalId === undefined) {
        throw new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen',
          'No citizen the hub holds is linked to this CMND.')
      }
      return await readPerson(request, reply, personalId)
    })

    app.get<{ Params: { number: string }, Querystring: RecordQuery }>('/v1/citizens/by-health-insurance/:number', {
      schema: {
        tags: ['citizens'],
        summary: 'The holder of a health insurance (BHYT) card',
        description: 'A 15-character card number (XX Y ZZ NNNNNNNNNN) or the 10-digit social-insurance number ' +
          'printed on cards since 2021. Same answer as GET /v1/citizens/{personalId}.',
        headers: readHeaders,
        params: {
          type: 'object',
          required: ['number'],
          properties: {
            number: { type: 'string', minLength: 1, maxLength: 30, examples: ['HS4929220878811', '9220878811'] }
          }
        },
        querystring: readQuerySchema({ asOf: true }),
        response: { ...personResponse, 409: { $ref: 'Problem#' } }
      }
    }, async (request, reply) => {
      await selection(request, 'person', request.query.fields)
      const number = parseBhytNumber(request.params.number)
      if (!number.ok) throw badKey(number.code, number.message, 'number')
      return await readPerson(request, reply, await holderOfCard(store, number.value, number.socialInsuranceNumber))
    })

    app.get<{ Params: { serial: string }, Querystring: ListQuery }>('/v1/land-parcels/by-certificate/:serial', {
      schema: {
        tags: ['land-parcels'],
        summary: 'The land parcels a land-use certificate (GCN) covers',
        description: 'The serial as printed, URL-encoded (`AA%2005565655`); spaces and case do not matter. Parcels ' +
          'in id order, in pages.',
        headers: readHeaders,
        params: {
          type: 'object',
          required: ['serial'],
          properties: { serial: { type: 'string', minLength: 1, maxLength: 30, examples: ['AA 05565655'] } }
        },
        querystring: readQuerySchema({ list: true }),
        response: {
          200: {
            ...listSchema('land-parcel', 'Parcels the certificate lists (parcelIds) that the ' +
              'hub holds.', landParcelExample),
            description: 'The parcels the certificate covers, in id order, one page; granted fields only.'
          },
          ...notModifiedResponse,
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' },
          ...personalDataResponses
        }
      }
    }, async (request, reply) => {
      const selected = await selection(request, 'land-parcel', request.query.fields)
      const serial = parseCertificateSerial(request.params.serial)
      if (!serial.ok) throw badKey(serial.code, serial.message, 'serial')
      const { limit, cursor } = request.query
      const isParcelId = (id: string): boolean => new RegExp(landParcelIdSchema.pattern).test(id)
      const refs = await refsFor(store)
      // A cursor opens only on the certificate it came from.
      const scope = `by-certificate:${serial.value}`
      const after = cursor === undefined ? undefined : openCursor(refs, scope, cursor, isParcelId)
      const found = await lookupRecord(store, 'land-use-certificate', serial.value)
      if (found.kind === 'missing') {
        throw new ApiProblem(404, 'LT_ERR_LAND_CERTIFICATE_NOT_FOUND', 'No such land-use certificate',
          'The hub holds no certificate with this serial.')
      }
      if (found.kind === 'deleted') {
        throw new ApiProblem(410, 'LT_ERR_LAND_CERTIFICATE_DELETED', 'Certificate deleted at its sources',
          `Every source deleted this certificate; the last at ${deletedAt(found.view) ?? 'an unknown time'}.`)
      }
      const certificate = found.view
      const ids = [...new Set(Array.isArray(certificate.fields.parcelIds)
        ? certificate.fields.parcelIds.filter((id): id is string => typeof id === 'string')
        : [])]
        .sort().filter(id => after === undefined || id > after)
      const page = sealedPageOf(refs, scope, ids.slice(0, limit + 1), limit, id => id)
      return await releaseList(request, reply, await liveRecords(store, 'land-parcel', page.items), {
        entity: 'land-parcel', selected, include: includeOptions(request.query.include), refs, next: page.next,
        // The certificate's holders: the answer tells which parcels their certificate covers.
        about: linkedPersonIds('land-use-certificate', certificate.fields),
        tagParts: {
          route: 'by-certificate',
          serial: serial.value,
          certificateVersion: certificate.version,
          limit,
          cursor
        }
      })
    })
  }
}
