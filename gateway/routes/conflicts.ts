// Conflicts: fields on which source systems disagree, open until they agree again. Filters are
// equalities the store can push down; pages follow `_id` (`<entity>:<entityId>:<field>`) with a
// sealed cursor. Conflict values are personal data read for data stewardship: operators only, and
// like every personal-data read they need X-Purpose, a grant on the entity (values are projected
// to it: a conflict on a field the grant does not cover is left out) and an audit entry.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import { canonicalEntities, type CanonicalEntity } from '../../schemas/canonical-event.js'
import { sourceSystemPattern, type ConflictDoc } from '../../records/golden-record.js'
import { readMany } from '../../records/reader.js'
import { findConflicts } from '../../records/conflicts.js'
import { linkedPersonIds } from '../../records/links.js'
import { personalDataResponses, purposeHeaders, requireOperator } from '../plugins/access-control.js'
import type { EntityName } from '../security/entities.js'
import { projectFields } from '../security/projection.js'
import { cursorParamSchema, limitParamSchema, openCursor, pageSchema, sealedPageOf } from '../read/pagination.js'
import { refsFor } from '../security/opaque-refs.js'
import { release } from '../read/release.js'

interface Query { entity: CanonicalEntity, entityId?: string, field?: string, sourceSystem?: string, status?: 'open' | 'resolved', limit: number, cursor?: string }

const conflictItem = {
  type: 'object',
  required: ['id', 'entity', 'entityId', 'field', 'status', 'values', 'since', 'detectedAt'],
  properties: {
    id: { type: 'string' },
    entity: { type: 'string' },
    entityId: { type: 'string' },
    field: { type: 'string' },
    status: { enum: ['open', 'resolved'] },
    values: {
      type: 'array',
      description: 'Each source\'s value (projected to the grant) with the source time it has held it since.',
      items: { type: 'object', properties: { sourceSystem: { type: 'string' }, value: {}, since: { type: 'string' } } }
    },
    since: { type: 'string', format: 'date-time', description: 'Source time since which the sources disagree.' },
    chosenSourceSystem: { type: 'string', description: 'Whose value the golden record shows (survivorship).' },
    detectedAt: { type: 'string', format: 'date-time', description: 'When the hub learned of the disagreement.' },
    resolvedAt: { type: 'string', format: 'date-time', description: 'When the hub learned the sources agree again.' },
    recordVersion: { type: 'integer' }
  }
} as const

const isConflictId = (id: string): boolean => /^[a-z-]+:[^:]+:[A-Za-z_][A-Za-z0-9_]*$/.test(id)

/** The conflict's values projected to the granted paths of its field; undefined when none is granted. */
function grantedValues (c: ConflictDoc, granted: readonly string[]): ConflictDoc['values'] | undefined {
  const paths = granted.filter(p => p === c.field || p.startsWith(`${c.field}.`))
  if (paths.length === 0) return undefined
  return c.values.map(v => ({ ...v, value: projectFields({ [c.field]: v.value }, paths).data[c.field] ?? null }))
}

export function conflictRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: Query }>('/v1/conflicts', {
      onRequest: requireOperator,
      schema: {
        tags: ['conflicts'],
        summary: 'Fields on which sources disagree (operators; audited)',
        description: 'One entity per request (its grant decides which fields\' conflicts are listed and how much of each value is shown). Pages in id order; a page may hold fewer than `limit` items when conflicts on ungranted fields were left out: follow `page.next` until null.',
        headers: purposeHeaders,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['entity'],
          properties: {
            entity: { enum: [...canonicalEntities], examples: ['person'] },
            entityId: { type: 'string', minLength: 1, maxLength: 100, description: 'Only this record\'s conflicts.', examples: ['092085001234'] },
            field: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', examples: ['birthDate'] },
            sourceSystem: { type: 'string', pattern: sourceSystemPattern, examples: ['cu-tru'] },
            status: { enum: ['open', 'resolved'] },
            limit: limitParamSchema(500, 50),
            cursor: cursorParamSchema
          }
        },
        response: {
          200: {
            type: 'object',
            required: ['data', 'page'],
            properties: { data: { type: 'array', items: conflictItem }, page: pageSchema },
            examples: [{
              data: [{
                id: 'person:092212000777:birthDate', entity: 'person', entityId: '092212000777', field: 'birthDate', status: 'open',
                values: [{ sourceSystem: 'ho-tich', value: '2012-05-01', since: '2026-01-01T00:01:00.000Z' }, { sourceSystem: 'cu-tru', value: '2012-05-02', since: '2026-01-01T00:02:00.000Z' }],
                since: '2026-01-01T00:02:00.000Z', chosenSourceSystem: 'ho-tich', detectedAt: '2026-01-01T00:02:05.000Z', recordVersion: 2
              }],
              page: { next: null }
            }]
          },
          ...personalDataResponses
        }
      }
    }, async (request, reply) => {
      const { entity, entityId, field, sourceSystem, status, limit, cursor } = request.query
      const granted = await request.access.grantedFields(entity as EntityName)
      // Sealed: a conflict id names the record (often a personal id); the cursor opens only on this entity's list.
      const refs = await refsFor(store)
      const scope = `conflicts:${entity}`
      const after = cursor === undefined ? undefined : openCursor(refs, scope, cursor, isConflictId)
      // One more than asked tells whether another page exists.
      const docs = await findConflicts(store, { entity, entityId, field, status, sourceSystem }, { after, limit: limit + 1 })
      const page = sealedPageOf(refs, scope, docs, limit, d => d._id)
      const shown = page.items.flatMap(c => { const values = grantedValues(c, granted); return values === undefined ? [] : [{ ...c, values }] })
      // Subjects: the people the records are about, and any a conflicting value names.
      const records = await readMany(store, entity, shown.map(c => c.entityId))
      const subjects = shown.flatMap(c => {
        const fields = records.get(c.entityId)?.fields ?? {}
        return [
          ...(entity === 'person' ? [c.entityId] : linkedPersonIds(entity, fields)),
          ...c.values.flatMap(v => linkedPersonIds(entity, { [c.field]: v.value }))
        ]
      })
      const returned = [...new Set(shown.flatMap(c => granted.filter(p => p === c.field || p.startsWith(`${c.field}.`))))].sort()
      return await release(request, reply, {
        read: { entity: entity as EntityName, subjects: [...new Set(subjects)].sort(), fields: returned },
        body: {
          data: shown.map(({ _id, version: _version, involves: _involves, sourceSystems: _systems, ...rest }) => ({ id: _id, ...rest })),
          page: { next: page.next }
        }
      })
    })
  }
}
