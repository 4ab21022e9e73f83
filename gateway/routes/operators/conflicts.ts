// Conflicts: fields on which source systems disagree, open until they agree again or a steward
// decides (gateway/steward/). Filters are equalities the store can push down; pages follow `_id`
// (`<entity>:<entityId>:<field>`) with a sealed cursor. Conflict values are personal data read for data
// stewardship: operators only, and
// like every personal-data read they need X-Purpose, a grant on the entity (values are projected
// to it: a conflict on a field the grant does not cover is left out) and an audit entry.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { canonicalEntities } from '../../../schemas/canonical-event.js'
import { sourceSystemPattern } from '../../../records/golden-record.js'
import { personalDataResponses, purposeHeaders, requireOperator } from '../../plugins/access-control.js'
import { cursorParamSchema, limitParamSchema, pageSchema } from '../../read/pagination.js'
import { release } from '../../read/release.js'
import { listConflicts, type ConflictQuery } from '../../steward/list-conflicts.js'


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
    resolvedAt: {
      type: 'string',
      format: 'date-time',
      description: 'When the hub learned the sources agree again, or of a steward\'s decision.'
    },
    resolution: {
      type: 'object',
      description: 'The data steward\'s decision that resolved the conflict (absent when the sources came to agree).',
      properties: {
        by: { type: 'string' },
        at: { type: 'string', format: 'date-time' },
        legalBasis: { type: 'string' },
        note: { type: 'string' },
        value: {},
        chosenSourceSystem: { type: 'string' },
        eventId: { type: 'string' }
      }
    },
    recordVersion: { type: 'integer' },
    signal: {
      type: 'string',
      description: 'Set when the hub raised the conflict from another record rather than from disagreeing values: ' +
        '`death-registered` = civil status registered the person\'s death while the benefit is still active ' +
        '(docs/signals.md).'
    }
  }
} as const

export function conflictRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: ConflictQuery }>('/v1/conflicts', {
      onRequest: requireOperator,
      schema: {
        tags: ['conflicts'],
        summary: 'Fields on which sources disagree (operators; audited)',
        description: 'One entity per request (its grant decides which fields\' conflicts are listed and how much of ' +
          'each value is shown). Pages in id order; a page may hold fewer than `limit` items when conflicts on ' +
            'ungranted fields were left out: follow `page.next` until null.',
        headers: purposeHeaders,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['entity'],
          properties: {
            entity: { enum: [...canonicalEntities], examples: ['person'] },
            entityId: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'Only this record\'s conflicts.',
              examples: ['092085001234']
            },
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
                id: 'person:092212000777:birthDate',
                entity: 'person',
                entityId: '092212000777',
                field: 'birthDate',
                status: 'open',
                values: [{
                  sourceSystem: 'ho-tich',
                  value: '2012-05-01',
                  since: '2026-01-01T00:01:00.000Z'
                }, { sourceSystem: 'cu-tru', value: '2012-05-02', since: '2026-01-01T00:02:00.000Z' }],
                since: '2026-01-01T00:02:00.000Z',
                chosenSourceSystem: 'ho-tich',
                detectedAt: '2026-01-01T00:02:05.000Z',
                recordVersion: 2
              }],
              page: { next: null }
            }]
          },
          ...personalDataResponses
        }
      }
    }, async (request, reply) => {
      const { read, data, next } = await listConflicts(store, request.access, request.query)
      return await release(request, reply, { read, body: { data, page: { next } } })
    })
  }
}
