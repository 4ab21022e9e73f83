// What a citizen is linked to, from the golden records: the household they belong to (with their
// relation to the head), the land parcels they hold, their BHYT cards, the household businesses
// they own, their driving licences. Links are read by equality on the records' `links.*` keys (records/links.ts);
// lists come in keyset pages.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import type { CanonicalEntity } from '../../../schemas/canonical-event.js'
import { isGoldenRecord } from '../../../records/golden-record.js'
import { linkedRecords, lookupRecord, viewOf } from '../../../records/reader.js'
import { linkedPersonIds } from '../../../records/links.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses } from '../../plugins/access-control.js'
import { readQuerySchema, type ListQuery, type RecordQuery } from '../../read/query.js'
import { releaseRecord, selection } from '../../read/read-record.js'
import { recordMetaSchema, dataSchemaOf } from '../../read/record-body.js'
import { listSchema, releaseList } from '../../read/read-list.js'
import { openCursor, sealedPageOf } from '../../read/pagination.js'
import { refsFor } from '../../security/opaque-refs.js'
import { linkedPage } from '../../../records/linked-page.js'
import { includeOptions } from '../../read/include.js'
import { notModifiedResponse, readHeaders } from '../../read/release.js'
import { householdExample } from './households.js'
import { landParcelExample } from './land-parcels.js'
import { personalIdParams } from './records.js'
import { driverLicenceSchema } from '../../../schemas/driver-licence.js'
import { studentEnrolmentSchema } from '../../../schemas/student-enrolment.js'
import { notarizationSchema } from '../../../schemas/notarization.js'
import { releasableNotarizations } from '../../../records/sealed-wills.js'
import type { RecordView } from '../../../records/golden-record.js'
import { constructionPermitSchema } from '../../../schemas/construction-permit.js'
import { citizenBenefitRoutes } from './benefits.js'

interface Params { personalId: string }

/**
 * The citizen's membership as the released household data shows it, and nothing more: the
 * household id only when it was returned, the relation only when the members (or the head) were.
 */
export function membershipOf (data: Record<string, unknown>, personalId: string): {
  householdId?: string,
  relationToHead?: string,
  isHead?: boolean
} {
  const members = Array.isArray(data.members) ? data.members as Array<{
    personalId?: string,
    relationToHead?: string
  }> : []
  const relationToHead = members.find(m => m.personalId === personalId)?.relationToHead ??
    (data.headPersonalId === personalId ? '01' : undefined)
  return {
    ...(typeof data.householdId === 'string' ? { householdId: data.householdId } : {}),
    ...(relationToHead !== undefined ? { relationToHead, isHead: relationToHead === '01' } : {})
  }
}

/** Golden-record ids as cursors carry them: printable, no control characters. */
const isRecordId = (id: string): boolean => /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/.test(id)

export function citizenLinkRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    /** The citizen's golden record must exist and not be a tombstone; links of unknown people are not served. */
    async function requireCitizen (personalId: string) {
      const doc = await store.get('persons', personalId)
      if (doc === undefined) {
        throw new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen',
          'The hub holds no record for this personal id.')
      }
      if (doc.deleted === true) {
        throw new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source',
          'The sources deleted this citizen\'s record.')
      }
      return isGoldenRecord(doc) ? viewOf(doc) : undefined
    }

    app.get<{ Params: Params, Querystring: RecordQuery }>('/v1/citizens/:personalId/household', {
      schema: {
        tags: ['citizens'],
        summary: 'The household a citizen belongs to, with the relation to its head',
        headers: readHeaders,
        params: personalIdParams,
        querystring: readQuerySchema(),
        response: {
          ...personalDataResponses,
          200: {
            type: 'object',
            required: ['data', 'meta', 'membership'],
            properties: {
              data: dataSchemaOf('household', 'Household fields (canonical Household, partial).'),
              meta: recordMetaSchema,
              membership: {
                type: 'object',
                description: 'The citizen\'s place in the household, from the returned fields only: householdId ' +
                  'when `householdId` is returned, relationToHead and isHead when `members` (or `headPersonalId`, ' +
                    'for the head) is.',
                properties: {
                  householdId: { type: 'string' },
                  relationToHead: { type: 'string', description: 'Code of the relation to the head (01 = the head).' },
                  isHead: { type: 'boolean' }
                }
              }
            },
            examples: [{
              data: householdExample,
              meta: {
                entity: 'household',
                id: 'HO-31135-000123',
                version: 2,
                validFrom: '2026-01-01T00:02:05.000Z',
                sources: {}
              },
              membership: { householdId: 'HO-31135-000123', relationToHead: '03', isHead: false }
            }]
          },
          ...notModifiedResponse,
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' }
        }
      }
    }, async (request, reply) => {
      const { personalId } = request.params
      // Grant first: a client without one learns nothing, not even whether the citizen exists.
      const selected = await selection(request, 'household', request.query.fields)
      const person = await requireCitizen(personalId)
      const declared = typeof person?.fields.householdId === 'string' ? person.fields.householdId : undefined
      let household = declared !== undefined ? await lookupRecord(store, 'household', declared) : undefined
      if (household?.kind !== 'found') {
        // The person's own record may not name the household yet: look for one that lists them.
        const [listed] = await linkedRecords(store, 'household', personalId, 1)
        household = listed !== undefined ? { kind: 'found', view: listed } : household
      }
      if (household?.kind !== 'found') {
        throw new ApiProblem(404, 'LT_ERR_CITIZEN_HOUSEHOLD_NOT_FOUND', 'No household for this citizen',
          'No household record names this citizen as a member.')
      }
      const view = household.view
      return await releaseRecord(request, reply, view, {
        selected,
        include: includeOptions(request.query.include),
        refs: await refsFor(store),
        subjects: [...new Set([personalId, ...linkedPersonIds('household', view.fields)])].sort(),
        extra: data => ({ membership: membershipOf(data, personalId) })
      })
    })

    /** `releasable` drops records of the page that may not be released yet (a will before its testator's death). */
    const listRoute = (path: string, entity: CanonicalEntity, summary: string, description: string,
      example?: Record<string, unknown>, releasable?: (views: RecordView[]) => Promise<RecordView[]>): void => {
      app.get<{ Params: Params, Querystring: ListQuery }>(`/v1/citizens/:personalId/${path}`, {
        schema: {
          tags: ['citizens'],
          summary,
          description: `${description} Pages of at most 100 in id order ` +
            '(`limit`, `cursor` = the `page.next` of the previous page).',
          headers: readHeaders,
          params: personalIdParams,
          querystring: readQuerySchema({ list: true }),
          response: {
            200: listSchema(entity, description, example),
            ...notModifiedResponse,
            404: { $ref: 'Problem#' },
            410: { $ref: 'Problem#' },
            ...personalDataResponses
          }
        }
      }, async (request, reply) => {
        const { personalId } = request.params
        const { limit, cursor } = request.query
        const selected = await selection(request, entity, request.query.fields)
        const refs = await refsFor(store)
        // A cursor opens only on the list it came from: this route, this citizen.
        const scope = `${path}:${personalId}`
        const after = cursor === undefined ? undefined : openCursor(refs, scope, cursor, isRecordId)
        await requireCitizen(personalId)
        const page = sealedPageOf(refs, scope, await linkedPage(store, entity, personalId, limit, after), limit,
          v => v.entityId)
        const items = releasable === undefined ? page.items : await releasable(page.items)
        return await releaseList(request, reply, items, {
          entity, selected, include: includeOptions(request.query.include), refs, next: page.next, about: [personalId],
          tagParts: { route: path, personalId, limit, cursor }
        })
      })
    }
    listRoute('land-parcels', 'land-parcel', 'Land parcels a citizen holds', 'Parcels whose holderPersonalIds name ' +
      'the citizen.', landParcelExample)
    listRoute('health-insurance', 'health-insurance-card', 'A citizen\'s health insurance (BHYT) cards',
      'Cards whose holderPersonalId is the citizen.',
      {
        cardNumber: 'HS4929220878811',
        socialInsuranceNumber: '9220878811',
        holderPersonalId: '092212000777',
        benefitLevel: 4,
        validFrom: '2025-01-01',
        validTo: '2025-12-31'
      })
    listRoute('business-households', 'business-household', 'Household businesses a citizen owns',
      'Business households whose ownerPersonalId is the citizen.',
      { registrationNumber: '57A8004567', name: 'Tạp hóa Mai An', ownerPersonalId: '092085001234' })
    listRoute('driver-licences', 'driver-licence', 'A citizen\'s driving licences (GPLX)',
      'Licences whose holderPersonalId is the citizen.',
      driverLicenceSchema.examples[0])
    listRoute('students', 'student-enrolment', 'A citizen\'s school enrolments (học sinh), as pupil or guardian',
      'Enrolments whose studentPersonalId or guardian.personalId is the citizen.', studentEnrolmentSchema.examples[0])
    // A will stays sealed until civil status registers its testator's death (records/sealed-wills.ts).
    listRoute('notarizations', 'notarization', 'Notarized contracts a citizen is a party to (công chứng)',
      'Notarizations whose parties name the citizen by personal id; ' +
      'a will only once its testator\'s death is registered.', notarizationSchema.examples[0],
      async views => await releasableNotarizations(store, views))
    listRoute('construction-permits', 'construction-permit',
      'A citizen\'s construction permits (giấy phép xây dựng), with inspections',
      'Permits whose ownerPersonalIds name the citizen; post-permit inspections are nested, oldest first.',
      constructionPermitSchema.examples[0])
    // Unemployment benefits and social allowances share one list, a grant checked per entity (benefits.ts).
    await citizenBenefitRoutes(store, requireCitizen)(app)
  }
}
