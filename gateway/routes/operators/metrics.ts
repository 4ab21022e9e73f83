// GET /metrics in the Prometheus text format, and the HTTP metrics of every request. Who may scrape:
// the bearer of the metrics key (LT_METRICS_KEY), or of an operator key; with no metrics key set,
// also any caller on loopback (a Prometheus or agent on the same host) without a key. Labels hold
// route patterns ('/v1/citizens/:id'), never the URL: a path can carry a personal id.
import fp from 'fastify-plugin'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { HubMetrics } from '../../../infra/observability/metrics.js'
import { ApiProblem } from '../../problem.js'
import { bearerToken } from '../../security/bearer.js'
import { AuthThrottledError } from '../../security/auth-throttle.js'
import { throttledProblem } from '../../plugins/access-control.js'

export interface MetricsRouteOptions {
  metrics: HubMetrics
  /** Dedicated scrape key; '' = none (then loopback callers need no key). */
  metricsKey: string
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest()
const loopback = (address: string | undefined): boolean =>
  address !== undefined && (/^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address))

/** Route pattern, never the URL; requests no route matched share one label. */
const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched'
const clientKind = (request: FastifyRequest): string =>
  (request as FastifyRequest & { access?: { principal?: { kind?: string } } }).access?.principal?.kind ?? 'anonymous'

async function metricsRoute (app: FastifyInstance, { metrics, metricsKey }: MetricsRouteOptions): Promise<void> {
  const keyDigest = metricsKey === '' ? undefined : sha256(metricsKey)

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: routeOf(request),
      status: String(reply.statusCode),
      client_kind: clientKind(request)
    }
    metrics.http.requests.inc(labels)
    metrics.http.duration.observe(labels, reply.elapsedTime / 1000)
  })

  async function mayScrape (request: FastifyRequest, reply: Parameters<typeof throttledProblem>[0]): Promise<void> {
    const authorization = request.headers.authorization
    if (authorization === undefined) {
      if (keyDigest === undefined && loopback(request.socket.remoteAddress)) return
    } else {
      const token = bearerToken(authorization)
      if (keyDigest !== undefined && token !== undefined && timingSafeEqual(sha256(token), keyDigest)) return
      let principal
      try {
        // Any other key goes through the authenticator, so failed guesses meet its throttle.
        principal = await app.accessControl.authenticator.authenticate(authorization, request.ip)
      } catch (err) {
        if (err instanceof AuthThrottledError) throw throttledProblem(reply, err)
        throw err
      }
      if (principal?.kind === 'operator') return
      if (principal !== undefined) {
        throw new ApiProblem(403, 'LT_ERR_FORBIDDEN', 'Operators only',
          `Client '${principal.clientId}' may not read metrics; ` +
          'use an operator key or the metrics key (LT_METRICS_KEY).')
      }
    }
    void reply.header('www-authenticate', 'Bearer realm="lienthong-metrics"')
    throw new ApiProblem(401, 'LT_ERR_UNAUTHENTICATED', 'Authentication required', keyDigest === undefined
      ? 'Send an operator key as Authorization: Bearer <key>; without a key, metrics answer on loopback only.'
      : 'Send the metrics key (LT_METRICS_KEY) or an operator key as Authorization: Bearer <key>.')
  }

  app.get('/metrics', {
    // Its own check below: the metrics key is not an API key, so the access-control hook stays out.
    config: { public: true },
    onRequest: mayScrape,
    schema: {
      tags: ['health'],
      summary: 'Prometheus metrics (metrics key, operator key, or loopback when no metrics key is set)',
      response: {
        200: {
          description: 'Prometheus text exposition format',
          content: { 'text/plain': { schema: { type: 'string' } } }
        },
        401: { $ref: 'Problem#' },
        403: { $ref: 'Problem#' }
      }
    }
  }, async (_request, reply) => {
    const body = await metrics.registry.metrics()
    return await reply.type(metrics.registry.contentType).send(body)
  })
}

export default fp(metricsRoute, { name: 'metrics', dependencies: ['access-control'] })
