// Per-client rate limits (429 with Retry-After, as problem+json). Clients are told apart by their
// authenticated client id, so one department's burst does not slow another; anonymous requests
// (docs, health) by address. Counted per process: with N gateway processes a client gets up to N
// times the limit, which the operator sizes for (docs/api.md).
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiProblem } from '../problem.js'

/** The request as the rate limiter sees it: the access plugin may have authenticated it. */
type MaybeAuthenticated = FastifyRequest & { access?: { principal?: { clientId?: string } } }

export interface LimitSettings {
  /** Requests per client per minute; 0 turns rate limiting off. */
  rateLimitPerMinute: number
}

async function limits (app: FastifyInstance, { rateLimitPerMinute }: LimitSettings): Promise<void> {
  if (rateLimitPerMinute === 0) return
  await app.register(rateLimit, {
    global: true,
    max: rateLimitPerMinute,
    timeWindow: 60_000,
    // After authentication, so the key is the client, not a spoofable header.
    hook: 'preHandler',
    keyGenerator: (request: FastifyRequest) =>
      (request as MaybeAuthenticated).access?.principal?.clientId ?? `ip:${request.ip}`,
    addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true },
    addHeaders: {
      'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': true
    },
    errorResponseBuilder: (_request, context) => new ApiProblem(429, 'LT_ERR_RATE_LIMITED', 'Too many requests',
      `This client may make ${context.max} requests per minute; retry after ${Math.ceil(context.ttl / 1000)} s.`)
  })
}

export default fp(limits, { name: 'limits', dependencies: ['problem-details'] })
