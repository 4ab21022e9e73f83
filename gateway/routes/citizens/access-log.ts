// "Who read my data": every read of a citizen's personal data through the API, newest first, with
// the client, purpose, fields and request id, so a citizen's right to know can be answered. The
// log is itself personal data: reading it needs a grant on entity 'access-log', and is audited.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { personalDataResponses, purposeHeaders } from '../../plugins/access-control.js'
import { readAccessLog } from '../../security/access-log.js'
import { projectFields } from '../../security/projection.js'
import { release } from '../../read/release.js'

const accessLogPage = {
  $id: 'AccessLogPage',
  title: 'AccessLogPage',
  type: 'object',
  required: ['data', 'next'],
  properties: {
    data: {
      type: 'array',
      items: {
        type: 'object',
        description: 'One read; only the granted properties are present.',
        properties: {
          seq: { type: 'integer', description: 'Position of the read in the audit chain.' },
          at: { type: 'string', format: 'date-time' },
          clientId: { type: 'string', description: 'The API client that read.' },
          purpose: { type: 'string', description: 'The purpose it stated (X-Purpose).' },
          entity: { type: 'string' },
          fields: { type: 'array', items: { type: 'string' }, description: 'The fields it received.' },
          requestId: { type: 'string' }
        }
      }
    },
    next: {
      type: ['integer', 'null'], description: 'Pass as `before` for the next (older) page; null on the last page.'
    }
  }
} as const

export function accessLogRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(accessLogPage)
    type Req = { Params: { personalId: string }, Querystring: { limit: number, before?: number } }
    app.get<Req>('/v1/citizens/:personalId/access-log', {
      schema: {
        tags: ['citizens'],
        summary: 'Who read this citizen\'s data, when, for which purpose and which fields',
        headers: purposeHeaders,
        params: {
          type: 'object',
          required: ['personalId'],
          properties: { personalId: { type: 'string', pattern: '^\\d{12}$', description: '12-digit personal id' } }
        },
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            before: {
              type: 'integer', minimum: 1, description: 'Only reads older than this seq (the `next` of the ' +
                'previous page).'
            }
          }
        },
        response: { 200: { $ref: 'AccessLogPage#' }, ...personalDataResponses }
      }
    }, async (request, reply) => {
      const granted = await request.access.grantedFields('access-log')
      const { personalId } = request.params
      const items = await readAccessLog(store, personalId,
        { limit: request.query.limit + 1, before: request.query.before })
      const page = items.slice(0, request.query.limit)
      const projected = page.map(item => projectFields(item, granted))
      const returned = [...new Set(projected.flatMap(p => p.returned))].sort()
      return await release(request, reply, {
        read: { entity: 'access-log', subjects: [personalId], fields: returned },
        body: { data: projected.map(p => p.data), next: items.length > page.length ? page[page.length - 1].seq : null }
      })
    })
  }
}
