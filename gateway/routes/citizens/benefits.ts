// GET /v1/citizens/{id}/benefits: one list over the two benefit entities, unemployment benefits
// (viec-lam) and social allowances (chinh-sach), as docs/sources/unemployment-benefit.md planned it.
// Each item keeps its entity's data and says which entity it is (`meta.entity`); the grant is checked
// per entity, so a client granted one sees only its items, and without either gets the usual 403.
// Items come entity by entity in a fixed order, each in id order; the sealed cursor carries both.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import type { CanonicalEntity } from '../../../schemas/canonical-event.js'
import type { RecordView } from '../../../records/golden-record.js'
import { linkedPage } from '../../../records/linked-page.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses } from '../../plugins/access-control.js'
import { grantableEntities, type EntityName } from '../../security/entities.js'
import { projectFields } from '../../security/projection.js'
import { refsFor } from '../../security/opaque-refs.js'
import { selectFields } from '../../read/field-selection.js'
import { readQuerySchema, type ListQuery } from '../../read/query.js'
import { recordMetaSchema, dataSchemaOf, recordBody } from '../../read/record-body.js'
import { subjectsOf } from '../../read/read-record.js'
import { includeOptions } from '../../read/include.js'
import { entityTag } from '../../read/etag.js'
import { openCursor, pageSchema, sealedPageOf } from '../../read/pagination.js'
import { notModifiedResponse, readHeaders, release } from '../../read/release.js'
import { personalIdParams } from './records.js'
import { unemploymentBenefitSchema } from '../../../schemas/unemployment-benefit.js'
import { socialBeneficiarySchema } from '../../../schemas/social-beneficiary.js'

/** The entities the route lists, in the order their items come. */
export const BENEFIT_ENTITIES =
  ['unemployment-benefit', 'social-beneficiary'] as const satisfies readonly CanonicalEntity[]
type BenefitEntity = typeof BENEFIT_ENTITIES[number]

interface Params { personalId: string }

const cursorId = (view: RecordView): string => `${view.entity}/${view.entityId}`
const isCursorId = (id: string): boolean =>
  /^(unemployment-benefit|social-beneficiary)\/[A-Za-z0-9][A-Za-z0-9 ._/-]{0,99}$/.test(id)

/**
 * The fields to return per granted entity. Without `fields=`, each entity's whole grant; with it, the
 * paths each granted entity knows (an entity none of them name is not read). A path no benefit
 * entity has is 400; one only an ungranted entity has is 403.
 */
async function benefitSelection (
  request: FastifyRequest, requested: string | undefined
): Promise<Map<BenefitEntity, string[]>> {
  const granted = new Map<BenefitEntity, readonly string[]>()
  for (const entity of BENEFIT_ENTITIES) {
    const fields = await request.access.fieldsIfGranted(entity)
    if (fields.length > 0) granted.set(entity, fields)
  }
  // Neither: the standard refusal, naming the first entity's grant.
  if (granted.size === 0) await request.access.grantedFields(BENEFIT_ENTITIES[0])
  const selected = new Map<BenefitEntity, string[]>()
  const paths = requested === undefined ? undefined : [...new Set(requested.split(','))]
  const known = (entity: BenefitEntity, p: string): boolean =>
    (grantableEntities[entity].fields as readonly string[]).includes(p)
  const unknown = paths?.filter(p => !BENEFIT_ENTITIES.some(e => known(e, p))) ?? []
  if (unknown.length > 0) {
    throw new ApiProblem(400, 'LT_ERR_FIELD_UNKNOWN', 'Unknown field',
      `No benefit entity has ${unknown.map(p => `'${p}'`).join(', ')}; GET /v1/admin/entities lists them.`,
      unknown.map(p => ({ path: 'querystring/fields', message: `unknown field '${p}'` })))
  }
  const ungranted = paths?.filter(p => ![...granted.keys()].some(e => known(e, p))) ?? []
  if (ungranted.length > 0) {
    throw new ApiProblem(403, 'LT_ERR_FIELD_NOT_GRANTED', 'Field not granted for this purpose',
      `Your grants for this purpose do not cover ${ungranted.map(p => `'${p}'`).join(', ')}.`,
      ungranted.map(p => ({ path: 'querystring/fields', message: `field '${p}' is not granted` })))
  }
  for (const [entity, fields] of granted) {
    const mine = paths?.filter(p => known(entity, p))
    if (mine !== undefined && mine.length === 0) continue
    selected.set(entity, selectFields(entity as EntityName, fields, mine?.join(',')))
  }
  return selected
}

/** Up to limit + 1 items after the cursor, entity by entity in BENEFIT_ENTITIES order. */
async function benefitPage (
  store: Store, entities: readonly BenefitEntity[], personalId: string, limit: number, after?: string
): Promise<RecordView[]> {
  const [afterEntity, ...rest] = after?.split('/') ?? []
  const afterId = rest.join('/')
  const start = after === undefined ? 0 : BENEFIT_ENTITIES.indexOf(afterEntity as BenefitEntity)
  const items: RecordView[] = []
  for (const entity of entities) {
    const at = BENEFIT_ENTITIES.indexOf(entity)
    if (at < start || items.length > limit) continue
    items.push(...await linkedPage(store, entity, personalId, limit - items.length,
      at === start && after !== undefined ? afterId : undefined))
  }
  return items.slice(0, limit + 1)
}

type ObjectSchema = { properties: Record<string, unknown> }
const unemploymentData = dataSchemaOf('unemployment-benefit', '') as ObjectSchema
const socialData = dataSchemaOf('social-beneficiary', '') as ObjectSchema

// One object schema with the properties of both entities (the fields they share, personalId, fullName,
// decision and status, have the same form): not anyOf, which the serializer would validate item by item
// against conditionals a projection does not satisfy (a category without its programme).
const itemSchema = {
  type: 'object',
  required: ['data', 'meta'],
  properties: {
    data: {
      type: 'object',
      additionalProperties: false,
      description: 'Fields of the entity `meta.entity` names (unemployment-benefit or social-beneficiary), ' +
        'granted and selected only.',
      properties: { ...unemploymentData.properties, ...socialData.properties }
    },
    meta: recordMetaSchema
  }
}

const exampleMeta = (entity: BenefitEntity, id: string) =>
  ({ entity, id, version: 1, validFrom: '2026-01-01T00:02:05.000Z', sources: {} })

const DESCRIPTION = 'Unemployment benefits (trợ cấp thất nghiệp, viec-lam) and social allowances ' +
  '(người có công, bảo trợ xã hội, chinh-sach) whose personalId is the citizen, in one list: ' +
  '`meta.entity` says which each item is, and each entity\'s ' +
  'grant is checked apart (an entity not granted for the purpose is left out; neither granted is 403). Items of ' +
  'unemployment-benefit come first, then social-beneficiary, each in id order; pages of at most 100 ' +
  '(`limit`, `cursor` = the `page.next` of the previous page). ' +
  'With `fields=`, an entity none of whose fields are named is not read.'

export function citizenBenefitRoutes (store: Store, requireCitizen: (personalId: string) => Promise<unknown>) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Params: Params, Querystring: ListQuery }>('/v1/citizens/:personalId/benefits', {
      schema: {
        tags: ['citizens'],
        summary: 'A citizen\'s benefits: unemployment benefit and social allowances',
        description: DESCRIPTION,
        headers: readHeaders,
        params: personalIdParams,
        querystring: readQuerySchema({ list: true }),
        response: {
          200: {
            type: 'object',
            required: ['data', 'page'],
            properties: { data: { type: 'array', items: itemSchema }, page: pageSchema },
            examples: [{
              data: [
                {
                  data: unemploymentBenefitSchema.examples[0],
                  meta: exampleMeta('unemployment-benefit', unemploymentBenefitSchema.examples[0].benefitId)
                },
                {
                  data: socialBeneficiarySchema.examples[0],
                  meta: exampleMeta('social-beneficiary', socialBeneficiarySchema.examples[0].caseId)
                }
              ],
              page: { next: null }
            }]
          },
          ...notModifiedResponse,
          404: { $ref: 'Problem#' },
          410: { $ref: 'Problem#' },
          ...personalDataResponses
        }
      }
    }, async (request, reply) => await listBenefits(store, requireCitizen, request, reply))
  }
}

async function listBenefits (
  store: Store, requireCitizen: (personalId: string) => Promise<unknown>,
  request: FastifyRequest<{ Params: Params, Querystring: ListQuery }>, reply: FastifyReply
) {
  const { personalId } = request.params
  const { limit = 20, cursor } = request.query
  // Grants first: a client without one learns nothing, not even whether the citizen exists.
  const selected = await benefitSelection(request, request.query.fields)
  const refs = await refsFor(store)
  const scope = `benefits:${personalId}`
  const after = cursor === undefined ? undefined : openCursor(refs, scope, cursor, isCursorId)
  await requireCitizen(personalId)
  const entities = BENEFIT_ENTITIES.filter(e => selected.has(e))
  const page = sealedPageOf(refs, scope, await benefitPage(store, entities, personalId, limit, after), limit, cursorId)
  const include = includeOptions(request.query.include)
  const now = new Date()
  const out = page.items.map(view => {
    const { data, returned } = projectFields(view.fields, selected.get(view.entity as BenefitEntity) ?? [])
    return { view, body: recordBody(view, now, { data, returned, include, refs }), returned }
  })
  // One audit entry per entity read: its subjects and exactly the fields returned of it.
  const reads = entities.map(entity => {
    const mine = out.filter(o => o.view.entity === entity)
    return {
      entity: entity as EntityName,
      subjects: [...new Set([personalId, ...mine.flatMap(o => subjectsOf(o.view))])].sort(),
      fields: [...new Set(mine.flatMap(o => o.returned))].sort()
    }
  })
  const tag = entityTag({
    route: 'benefits', personalId, limit, cursor, include, next: page.next,
    records: page.items.map(v => [v.entity, v.entityId, v.version]),
    fields: Object.fromEntries(selected)
  })
  return await release(request, reply, {
    read: reads, tag, body: { data: out.map(o => o.body), page: { next: page.next } }
  })
}
