// Conflicts: fields on which source systems disagree, open until they agree again. Filters are
// equalities the store can push down; pages follow `_id` (`<entity>:<entityId>:<field>`) with an
// opaque cursor. Conflict values are personal data read for data stewardship: operators only.
import type { FastifyInstance } from 'fastify'
import type { FieldValue, Store } from '../../infra/ports/store.js'
import { canonicalEntities } from '../../schemas/canonical-event.js'
import { involvesField, type ConflictDoc } from '../../consumers/merger/golden-record.js'
import { sourceSystemPattern } from '../../consumers/merger/survivorship.js'
import { ApiProblem } from '../problem.js'
import { personalDataResponses, requireOperator } from '../plugins/access-control.js'

interface Query { entity?: string, field?: string, sourceSystem?: string, status?: 'open' | 'resolved', limit: number, cursor?: string }

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
      description: 'Each source\'s value with the source time it has held it since.',
      items: { type: 'object', properties: { sourceSystem: { type: 'string' }, value: {}, since: { type: 'string' } } }
    },
    since: { type: 'string', format: 'date-time', description: 'Source time since which the sources disagree.' },
    chosenSourceSystem: { type: 'string', description: 'Whose value the golden record shows (survivorship).' },
    detectedAt: { type: 'string', format: 'date-time', description: 'When the hub learned of the disagreement.' },
    resolvedAt: { type: 'string', format: 'date-time', description: 'When the hub learned the sources agree again.' },
    recordVersion: { type: 'integer' }
  }
} as const

const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url')
function decodeCursor (cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!/^[a-z-]+:[^:]+:[A-Za-z_][A-Za-z0-9_]*$/.test(id) || encodeCursor(id) !== cursor) {
    throw new ApiProblem(400, 'LT_ERR_CURSOR_INVALID', 'The cursor is not valid', 'Pass back the `page.next` value of the previous page unchanged.', [{ path: 'querystring/cursor', message: 'is not a cursor this API issued' }])
  }
  return id
}

export function conflictRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: Query }>('/v1/conflicts', {
      onRequest: requireOperator,
      schema: {
        tags: ['conflicts'],
        summary: 'Fields on which sources disagree',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            entity: { enum: [...canonicalEntities] },
            field: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            sourceSystem: { type: 'string', pattern: sourceSystemPattern },
            status: { enum: ['open', 'resolved'] },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$' }
          }
        },
        response: {
          200: {
            type: 'object',
            required: ['data', 'page'],
            properties: {
              data: { type: 'array', items: conflictItem },
              page: { type: 'object', required: ['next'], properties: { next: { type: ['string', 'null'], description: 'Cursor of the next page; null on the last.' } } }
            }
          },
          ...personalDataResponses
        }
      }
    }, async request => {
      const { entity, field, sourceSystem, status, limit, cursor } = request.query
      const where: Record<string, FieldValue> = {}
      if (entity !== undefined) where.entity = entity
      if (field !== undefined) where.field = field
      if (status !== undefined) where.status = status
      if (sourceSystem !== undefined) where[involvesField(sourceSystem)] = true
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      // One more than asked tells whether another page exists.
      const docs = await store.find('conflicts', {
        where, orderBy: { field: '_id' }, limit: limit + 1, ...(after !== undefined ? { after: { value: after, id: after } } : {})
      }) as ConflictDoc[]
      const page = docs.slice(0, limit)
      return {
        data: page.map(({ _id, version: _version, involves: _involves, sourceSystems: _systems, ...rest }) => ({ id: _id, ...rest })),
        page: { next: docs.length > limit ? encodeCursor(page[page.length - 1]._id) : null }
      }
    })
  }
}
