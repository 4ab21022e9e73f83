// Records that carry only a legacy CMND and wait for a source to link it to a 12-digit personal id
// (consumers/normalizer/legacy-id-linker.ts; stored form in records/legacy-ids.ts). Operators list
// them to chase the missing link: the listing names the waiting key (they need it to ask the
// source) and counts the records, but never shows the records' personal fields.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { requireOperator } from '../../plugins/access-control.js'
import { unresolvedGroups } from '../../../records/legacy-ids.js'
import { cursorParamSchema, limitParamSchema, openCursor, pageSchema, sealedPageOf } from '../../read/pagination.js'
import { refsFor } from '../../security/opaque-refs.js'

interface Query { limit: number, cursor?: string }

const SCOPE = 'unresolved'

const itemSchema = {
  type: 'object',
  required: ['id', 'kind', 'key', 'since', 'records', 'entities', 'sources'],
  properties: {
    id: { type: 'string', description: 'Group id: kind and key.' },
    kind: { type: 'string', enum: ['cmnd'] },
    key: { type: 'string', description: 'The legacy 9-digit CMND the records carry.' },
    since: { type: 'string', format: 'date-time', description: 'When the first record started waiting.' },
    records: { type: 'integer', description: 'Records waiting for this key.' },
    entities: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' }, description: 'Source systems the waiting records came from.' }
  }
} as const

export function unresolvedRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: Query }>('/v1/unresolved', {
      onRequest: requireOperator,
      schema: {
        tags: ['unresolved'],
        summary: 'Records waiting for a legacy CMND to be linked to a personal id (operators only)',
        querystring: {
          type: 'object', additionalProperties: false, properties: {
            limit: limitParamSchema(100, 50),
            cursor: cursorParamSchema
          }
        },
        response: {
          200: {
            type: 'object', required: ['data', 'page'], properties: {
              data: { type: 'array', items: itemSchema },
              page: pageSchema
            }
          }
        }
      }
    }, async request => {
      const { limit, cursor } = request.query
      // Sealed like every list's cursor: only a `next` this hub handed out for this list opens.
      const refs = await refsFor(store)
      const after = cursor === undefined ? undefined : openCursor(refs, SCOPE, cursor, id => /^cmnd:\d{9}$/.test(id))
      const docs = await unresolvedGroups(store, { after, limit: limit + 1 })
      const { items, next } = sealedPageOf(refs, SCOPE, docs, limit, d => d._id)
      return {
        data: items.map(d => ({
          id: d._id,
          kind: d.kind,
          key: d.value,
          since: d.since,
          records: d.entries.length,
          entities: [...new Set(d.entries.map(e => e.entity))].sort(),
          sources: [...new Set(d.entries.map(e => e.source.system))].sort()
        })),
        page: { next }
      }
    })
  }
}
