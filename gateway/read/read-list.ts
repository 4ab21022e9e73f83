// A page of golden records through the read pipeline: projection of each, one audit entry for the
// page (subjects: every person the page carries data of), one tag over every record's version.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { RecordView } from '../../records/golden-record.js'
import type { EntityName } from '../security/entities.js'
import { projectFields } from '../security/projection.js'
import type { OpaqueRefs } from '../security/opaque-refs.js'
import type { IncludeOptions } from './include.js'
import { entityTag } from './etag.js'
import { recordBody, recordSchema } from './record-body.js'
import { pageSchema } from './pagination.js'
import { release } from './release.js'
import { subjectsOf } from './read-record.js'

export interface ListRelease {
  entity: CanonicalEntity
  selected: readonly string[]
  include: IncludeOptions
  refs: OpaqueRefs
  /** The sealed cursor of the next page (pagination.ts), or null on the last. */
  next: string | null
  /** People the request is about besides those the records name (e.g. the citizen whose links these are). */
  about: string[]
  /** What else decides the page (route, cursor, limit), part of the tag. */
  tagParts: Record<string, unknown>
}

export async function releaseList (
  request: FastifyRequest, reply: FastifyReply, views: RecordView[],
  { entity, selected, include, refs, next, about, tagParts }: ListRelease
) {
  const now = new Date()
  const out = views.map(view => {
    const { data, returned } = projectFields(view.fields, selected)
    return { body: recordBody(view, now, { data, returned, include, refs }), returned }
  })
  const body = { data: out.map(o => o.body), page: { next } }
  const tag = entityTag({
    ...tagParts, entity, records: views.map(v => [v.entityId, v.version]), fields: selected, include, next
  })
  return await release(request, reply, {
    read: {
      entity: entity as EntityName,
      subjects: [...new Set([...about, ...views.flatMap(subjectsOf)])].sort(),
      fields: [...new Set(out.flatMap(o => o.returned))].sort()
    },
    tag,
    body
  })
}

/** `{ data: [records], page: { next } }` */
export function listSchema (entity: CanonicalEntity, description: string, example?: Record<string, unknown>) {
  const item = recordSchema(entity, 'Merged fields of the record (granted and selected only).', example)
  const { examples, ...itemSchema } = item as { examples?: unknown[] }
  return {
    type: 'object',
    required: ['data', 'page'],
    properties: { data: { type: 'array', description, items: itemSchema }, page: pageSchema },
    ...(examples !== undefined ? { examples: [{ data: examples, page: { next: null } }] } : {})
  }
}
