// One golden record through the read pipeline every personal-data route shares: grant, field
// selection, lookup (now or asOf), projection, body, ETag, audit, 200 or 304.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { RecordView } from '../../records/golden-record.js'
import { historyStart, lookupRecord } from '../../records/reader.js'
import { linkedPersonIds } from '../../records/links.js'
import { ApiProblem } from '../problem.js'
import type { EntityName } from '../security/entities.js'
import { refsFor, type OpaqueRefs } from '../security/opaque-refs.js'
import { projectFields } from '../security/projection.js'
import { selectFields } from './field-selection.js'
import { includeOptions, type IncludeOptions } from './include.js'
import { entityTag } from './etag.js'
import { recordBody } from './record-body.js'
import { release } from './release.js'
import { asOfParam, type RecordQuery } from './query.js'
import type { PersonalDataRead } from '../plugins/access-control.js'

/** The personal ids whose data a record carries: the person itself, or the people it links to. */
export const subjectsOf = (view: RecordView): string[] =>
  view.entity === 'person' ? [view.entityId] : [...new Set(linkedPersonIds(view.entity, view.fields))].sort()

/** The grant's fields for the entity narrowed by `fields=` (403 without a grant, 400/403 on a bad selection). */
export async function selection (
  request: FastifyRequest, entity: CanonicalEntity, fields: string | undefined
): Promise<string[]> {
  const granted = await request.access.grantedFields(entity as EntityName)
  return selectFields(entity as EntityName, granted, fields)
}

/**
 * Records of another entity shown with this one (the notarizations on a land parcel), already
 * projected under their own grant: body members, what decides them (part of the tag), and one
 * audit entry per entity they disclose.
 */
export interface RelatedRecords {
  members: Record<string, unknown>
  tag: unknown
  reads: PersonalDataRead[]
}

export interface ReleaseOptions {
  selected: readonly string[]
  include: IncludeOptions
  refs: OpaqueRefs
  asOf?: string
  /** Defaults to subjectsOf(view). */
  subjects?: string[]
  /**
   * Extra body members (e.g. a household membership), part of the tag. Derived from the projected
   * data only, so they release nothing the audit entry (the returned fields) does not name.
   */
  extra?: (data: Record<string, unknown>) => Record<string, unknown>
  related?: RelatedRecords
}

/** Projects, tags, audits and answers one record (200, or 304 on a matching If-None-Match). */
export async function releaseRecord (
  request: FastifyRequest, reply: FastifyReply, view: RecordView,
  { selected, include, refs, asOf, subjects, extra: extraOf, related }: ReleaseOptions
) {
  const { data, returned } = projectFields(view.fields, selected)
  const extra = extraOf?.(data) ?? {}
  const body = {
    ...recordBody(view, new Date(), { asOf, data, returned, include, refs }),
    ...extra,
    ...related?.members
  }
  const tag = entityTag({
    entity: view.entity,
    id: view.entityId,
    version: view.version,
    asOf,
    fields: selected,
    include,
    extra,
    ...(related !== undefined ? { related: related.tag } : {})
  })
  const read = { entity: view.entity as EntityName, subjects: subjects ?? subjectsOf(view), fields: returned }
  return await release(request, reply, { read: related === undefined ? read : [read, ...related.reads], tag, body })
}

export interface ReadRecordSpec {
  entity: CanonicalEntity
  id: string
  notFound: (asOf: string | undefined) => ApiProblem
  deleted: (view: RecordView) => ApiProblem
  /** Records of other entities shown with this one, under their own grants (gateway/read/parcel-notarizations.ts). */
  related?: (
    view: RecordView, options: { asOf?: string, include: IncludeOptions, refs: OpaqueRefs }
  ) => Promise<RelatedRecords | undefined>
}

/** GET of one record by its id: the whole pipeline. */
export async function readRecord (
  store: Store, request: FastifyRequest, reply: FastifyReply, spec: ReadRecordSpec, query: RecordQuery
) {
  // Grant first: a client without one learns nothing, not even whether the record exists.
  const selected = await selection(request, spec.entity, query.fields)
  const asOf = asOfParam(query.asOf)
  const found = await lookupRecord(store, spec.entity, spec.id, asOf)
  if (found.kind === 'missing') throw await beforeHistory(store, asOf) ?? spec.notFound(asOf)
  if (found.kind === 'deleted') throw spec.deleted(found.view)
  const [include, refs] = [includeOptions(query.include), await refsFor(store)]
  const related = await spec.related?.(found.view, { asOf, include, refs })
  return await releaseRecord(request, reply, found.view, {
    selected, include, refs, asOf, ...(related !== undefined ? { related } : {})
  })
}

/**
 * A missing record asked for before the hub's history starts: not "no such record" (nobody knows)
 * but 422 LT_ERR_AS_OF_BEFORE_HISTORY saying from when the hub can answer.
 */
async function beforeHistory (store: Store, asOf: string | undefined): Promise<ApiProblem | undefined> {
  if (asOf === undefined) return undefined
  const start = await historyStart(store)
  if (start === undefined || asOf >= start) return undefined
  return new ApiProblem(422, 'LT_ERR_AS_OF_BEFORE_HISTORY', 'asOf is before the hub\'s history',
    `The hub's history starts at ${start}; ask for a time from then on.`,
    [{ path: 'querystring/asOf', message: `is before ${start}, when the hub's history starts` }])
}
