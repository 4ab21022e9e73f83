// Liveness says the process answers; readiness says it can do its work: the event log and the
// store both answer within the timeout.
import type { FastifyInstance } from 'fastify'
import { withTimeout } from '../../infra/shared/retry.js'

export interface ReadinessCheck { name: string, check: () => Promise<void> }

const checkResult = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['live', 'ready', 'not-ready'] },
    checks: { type: 'object', additionalProperties: { type: 'string' } }
  }
} as const

export function healthRoutes (checks: ReadinessCheck[], timeoutMs: number) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/health/live', {
      schema: {
        tags: ['health'],
        summary: 'The process is alive',
        response: { 200: { ...checkResult, description: 'Alive' } }
      }
    },
      async () => ({ status: 'live', checks: {} }))
    app.get('/health/ready', {
      schema: {
        tags: ['health'],
        summary: 'Event log and store answer',
        response: {
          200: { ...checkResult, description: 'Ready: every check answered in time' },
          503: { ...checkResult, description: 'Not ready: a check failed or timed out (named in `checks`)' }
        }
      }
    },
      async (_request, reply) => {
        const results = await Promise.all(checks.map(async c => {
          try {
            await withTimeout(c.check(), timeoutMs, c.name)
            return [c.name, 'up'] as const
          } catch (err) { return [c.name, `down: ${(err as Error).message}`] as const }
        }))
        const ready = results.every(([, r]) => r === 'up')
        const body = { status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) }
        return await reply.code(ready ? 200 : 503).send(body)
      })
  }
}
