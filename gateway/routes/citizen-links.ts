// What a citizen is linked to, from the golden records: the household they belong to (with their
// relation to the head), the land parcels they hold, their BHYT cards, the household businesses
// they own. Links are read by equality on the records' `links.*` keys (consumers/merger/links.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import { isGoldenRecord } from '../../consumers/merger/golden-record.js'
import { linkedRecords, lookupRecord, recordResponse, recordResponseSchema, viewOf } from '../../consumers/merger/read-model.js'
import { ApiProblem } from '../problem.js'
import { personalDataResponses, purposeHeaders } from '../plugins/access-control.js'
import { projectFields } from '../security/projection.js'
import type { EntityName } from '../security/entities.js'
import { linkedPersonIds } from '../../consumers/merger/links.js'
import type { RecordView } from '../../consumers/merger/golden-record.js'

const params = {
  type: 'object',
  required: ['personalId'],
  properties: { personalId: { type: 'string', pattern: '^\\d{12}$', description: '12-digit personal id' } }
} as const

const listSchema = (description: string) => ({
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', description, items: recordResponseSchema('Merged fields of the linked record.') } }
} as const)

interface Params { personalId: string }

export function citizenLinkRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    /** Checks the grant on the linked entity, projects each record to it and audits the read. */
    async function release (request: FastifyRequest, entity: CanonicalEntity, views: RecordView[], personalId: string) {
      const granted = await request.access.grantedFields(entity as EntityName)
      const now = new Date()
      const out = views.map(view => { const { data, returned } = projectFields(view.fields, granted); return { view, data, returned } })
      await request.access.audit({
        entity: entity as EntityName,
        subjects: [...new Set([personalId, ...views.flatMap(v => linkedPersonIds(entity, v.fields))])],
        fields: [...new Set(out.flatMap(o => o.returned))].sort()
      })
      return out.map(({ view, data, returned }) => recordResponse(view, now, { data, returned }))
    }

    /** The citizen's golden record must exist and not be a tombstone; links of unknown people are not served. */
    async function requireCitizen (personalId: string) {
      const doc = await store.get('persons', personalId)
      if (doc === undefined) throw new ApiProblem(404, 'LT_ERR_CITIZEN_NOT_FOUND', 'No such citizen', 'The hub holds no record for this personal id.')
      if (doc.deleted === true) throw new ApiProblem(410, 'LT_ERR_CITIZEN_DELETED', 'Record deleted at its source', 'The sources deleted this citizen\'s record.')
      return isGoldenRecord(doc) ? viewOf(doc) : undefined
    }

    app.get<{ Params: Params }>('/v1/citizens/:personalId/household', {
      schema: {
        tags: ['citizens'],
        summary: 'The household a citizen belongs to, with the relation to its head',
        headers: purposeHeaders,
        params,
        response: {
          ...personalDataResponses,
          200: {
            type: 'object',
            required: ['data', 'meta', 'membership'],
            properties: {
              ...recordResponseSchema('Household fields (canonical Household, partial).').properties,
              membership: {
                type: 'object',
                properties: {
                  householdId: { type: 'string' },
                  relationToHead: { type: 'string', description: 'Code of the relation to the head (01 = the head).' },
                  isHead: { type: 'boolean' }
                }
              }
            }
          },
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' }
        }
      }
    }, async request => {
      const { personalId } = request.params
      // Grant first: a client without one learns nothing, not even whether the citizen exists.
      await request.access.grantedFields('household' as EntityName)
      const person = await requireCitizen(personalId)
      const declared = typeof person?.fields.householdId === 'string' ? person.fields.householdId : undefined
      let household = declared !== undefined ? await lookupRecord(store, 'household', declared) : undefined
      if (household?.kind !== 'found') {
        // The person's own record may not name the household yet: look for one that lists them.
        const [listed] = await linkedRecords(store, 'household', personalId)
        household = listed !== undefined ? { kind: 'found', view: listed } : household
      }
      if (household?.kind !== 'found') {
        throw new ApiProblem(404, 'LT_ERR_CITIZEN_HOUSEHOLD_NOT_FOUND', 'No household for this citizen', 'No household record names this citizen as a member.')
      }
      const view = household.view
      const members = Array.isArray(view.fields.members) ? view.fields.members as Array<{ personalId?: string, relationToHead?: string }> : []
      const relationToHead = members.find(m => m.personalId === personalId)?.relationToHead ??
        (view.fields.headPersonalId === personalId ? '01' : typeof person?.fields.relationToHead === 'string' ? person.fields.relationToHead : undefined)
      const [released] = await release(request, 'household', [view], personalId)
      return {
        ...released,
        membership: { householdId: view.entityId, ...(relationToHead !== undefined ? { relationToHead, isHead: relationToHead === '01' } : {}) }
      }
    })

    const listRoute = (path: string, entity: CanonicalEntity, summary: string, description: string): void => {
      app.get<{ Params: Params }>(`/v1/citizens/:personalId/${path}`, {
        schema: { tags: ['citizens'], summary, headers: purposeHeaders, params, response: { 200: listSchema(description), 404: { $ref: 'Problem#' }, 410: { $ref: 'Problem#' }, ...personalDataResponses } }
      }, async request => {
        await request.access.grantedFields(entity as EntityName)
        await requireCitizen(request.params.personalId)
        return { data: await release(request, entity, await linkedRecords(store, entity, request.params.personalId), request.params.personalId) }
      })
    }
    listRoute('land-parcels', 'land-parcel', 'Land parcels a citizen holds', 'Parcels whose holderPersonalIds name the citizen.')
    listRoute('health-insurance', 'health-insurance-card', 'A citizen\'s health insurance (BHYT) cards', 'Cards whose holderPersonalId is the citizen.')
    listRoute('business-households', 'business-household', 'Household businesses a citizen owns', 'Business households whose ownerPersonalId is the citizen.')
  }
}
