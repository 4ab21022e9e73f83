// Dead letters, archived from every dlq.* topic: listed with filters and keyset pages, and
// replayed once the cause is fixed (a mapping or raw schema corrected through PUT).
import type { FastifyInstance } from 'fastify'
import { requireOperator } from '../../plugins/access-control.js'
import { ApiProblem } from '../../problem.js'
import { maskIds } from '../../../infra/logging/logger.js'
import type { FieldValue } from '../../../infra/ports/store.js'
import { replayDeadLetter } from '../../../connectors/dead-letters/replay.js'
import { discardDeadLetter } from '../../../connectors/dead-letters/discard.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { problems, type ConnectorApiDeps } from '../connector-deps.js'
import { deadLetterPageResponse, deadLetterSchema } from './dead-letter-schemas.js'
import { refsFor, type OpaqueRefs } from '../../security/opaque-refs.js'

const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    connector: { type: 'string', maxLength: 64 },
    group: { type: 'string', maxLength: 128, description: 'normalizer, merger, connector.<id>, …' },
    code: { type: 'string', pattern: '^LT_ERR_[A-Z0-9_]+$' },
    state: { enum: ['open', 'replayed', 'discarded'] },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    after: {
      type: 'string', minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$',
      description: 'The `next` of the previous page, unchanged.'
    }
  }
} as const

interface Query { connector?: string, group?: string, code?: string, state?: string, limit: number, after?: string }

// The cursor is sealed like every list's (opaque-refs.ts): the position (dead-at time and letter id)
// stays inside, and only a `next` this hub handed out opens.
const SCOPE = 'dead-letters'
const encode = (refs: OpaqueRefs, d: DeadLetterDoc): string => refs.seal(SCOPE, JSON.stringify([d.deadAt, d._id]))
function decode (refs: OpaqueRefs, cursor: string): { value: string, id: string } {
  try {
    const [value, id] = JSON.parse(refs.open(SCOPE, cursor) ?? 'null') as unknown[]
    if (typeof value === 'string' && typeof id === 'string') return { value, id }
  } catch {}
  throw new ApiProblem(400, 'LT_ERR_CURSOR_INVALID', 'The page cursor is not valid',
    'Pass the `next` value of the previous page unchanged.',
    [{ path: 'querystring/after', message: 'is not a page cursor' }])
}

/**
 * The listing leaves the message value out (it may hold personal data; replay uses it
 * server-side) and masks ids in the message key, which is often a personal id: an operator needs
 * the reason and where the record came from, not whose it is.
 */
const summary = (
  { value: _value, headers: _headers, version: _version, ...rest }: DeadLetterDoc
): Omit<DeadLetterDoc, 'value' | 'headers' | 'version'> => ({
  ...rest,
  key: maskIds(rest.key),
  origin: rest.origin.sourceKey === undefined
    ? rest.origin
    : { ...rest.origin, sourceKey: maskIds(rest.origin.sourceKey) }
})

const letterParams = {
  type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }
} as const

export function deadLetterRoutes ({ store, eventLog, registry, replaySettleMs }: ConnectorApiDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireOperator)
    app.addSchema(deadLetterSchema)
    const tags = ['dead letters']

    app.get<{ Querystring: Query }>('/v1/dead-letters', {
      schema: {
        tags,
        summary: 'Dead letters, newest first; filters combine',
        querystring: query,
        response: { 200: deadLetterPageResponse, ...problems }
      }
    }, async request => {
      const { limit, after, ...filters } = request.query
      const refs = await refsFor(store)
      const where = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as
        Record<string, FieldValue>
      const docs = await store.find('dead_letters', {
        where,
        orderBy: { field: 'deadAt', direction: 'desc' },
        limit: limit + 1,
        ...(after !== undefined ? { after: decode(refs, after) } : {})
      }) as DeadLetterDoc[]
      const page = docs.slice(0, limit)
      return { data: page.map(summary), next: docs.length > limit ? encode(refs, page[page.length - 1]) : null }
    })

    app.post<{ Params: { id: string } }>('/v1/dead-letters/:id/replay', {
      schema: {
        tags,
        summary: 'Publish the original message again to where it came from, and mark the letter replayed',
        params: letterParams,
        response: {
          202: { $ref: 'DeadLetter#', description: 'Published again and marked replayed (the letter as it is now).' },
          ...problems,
          422: { $ref: 'Problem#' }
        }
      }
    }, async (request, reply) => {
      const doc = await replayDeadLetter({ store, eventLog, registry, settleMs: replaySettleMs }, request.params.id)
      return await reply.code(202).send(summary(doc))
    })

    // Kept, marked discarded with who and why; it no longer counts as open (the console's discard).
    app.post<{ Params: { id: string }, Body: { reason: string } }>('/v1/dead-letters/:id/discard', {
      schema: {
        tags,
        summary: 'Discard a dead letter with a reason: kept, marked discarded, no longer open',
        params: letterParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: { reason: { type: 'string', minLength: 3, maxLength: 1000 } }
        },
        response: { 200: { $ref: 'DeadLetter#', description: 'The letter as it is now.' }, ...problems }
      }
    }, async request => {
      const by = request.access.principal.clientId
      const doc = await discardDeadLetter(store, request.params.id, { reason: request.body.reason, by })
      request.log.info({ letter: doc._id, group: doc.group, code: doc.code, by }, 'dead letter discarded')
      return summary(doc)
    })
  }
}
