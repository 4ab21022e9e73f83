// Builds the gateway as a Fastify instance without listening, so tests inject requests into the
// same app that production serves.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type { Store } from '../infra/ports/store.js'
import { maskHeaders, maskUrl } from '../infra/logging/mask.js'
import { personSchema } from '../schemas/person.js'
import problemDetails from './plugins/problem-details.js'
import openapi from './plugins/openapi.js'
import { buildValidatorsByPart } from './plugins/body-validator.js'
import { answerClientError } from './plugins/client-error.js'
import { healthRoutes, type ReadinessCheck } from './routes/health.js'
import { citizenRoutes } from './routes/citizens/records.js'
import { schemaRoutes } from './routes/integrators/schemas.js'
import { citizenLinkRoutes } from './routes/citizens/links.js'
import { infrastructureRoutes } from './routes/infrastructure.js'
import { householdRoutes } from './routes/citizens/households.js'
import { landParcelRoutes } from './routes/citizens/land-parcels.js'
import { civilServantRoutes } from './routes/civil-servants.js'
import { conflictRoutes } from './routes/operators/conflicts.js'
import { conflictResolutionRoutes } from './routes/operators/conflict-resolution.js'
import { citizenLookupRoutes } from './routes/citizens/lookups.js'
import { citizenSearchRoutes } from './routes/citizens/search.js'
import accessControl, { defaultSecuritySettings, type SecuritySettings } from './plugins/access-control.js'
import { viewSchema } from './security/projection.js'
import { accessLogRoutes } from './routes/citizens/access-log.js'
import limitsPlugin from './plugins/limits.js'
import jsonBody from './plugins/json-body.js'
import { prefillRoutes } from './routes/citizens/prefill.js'
import { unresolvedRoutes } from './routes/operators/unresolved.js'
import { dataQualityRoutes } from './routes/operators/data-quality.js'
import { loadProcedureTemplates } from './prefill/procedure-template.js'
import { adminRoutes } from './routes/admin/admin-api.js'
import { connectorApiRoutes } from './routes/connectors-api.js'
import type { ConnectorApiDeps } from './routes/connector-deps.js'
import { MAX_JSON_DEPTH } from '../infra/shared/json-depth.js'
import { subscriptionRoutes, type SubscriptionRouteDeps } from './routes/subscriptions/subscriptions.js'
import metricsRoute, { type MetricsRouteOptions } from './routes/operators/metrics.js'
import { consoleRoutes } from './console/index.js'

export interface GatewayDeps {
  store: Store
  logger: Logger
  readiness: ReadinessCheck[]
  readinessTimeoutMs?: number
  /** API keys, grant and audit settings; defaults: no bootstrap operator key. */
  security?: Partial<SecuritySettings>
  /** The connector registry, push intake and dead letters; without it those routes are absent. */
  connectors?: ConnectorApiDeps
  /** Body size, timeouts and per-client rate limit; defaults as in the config schema. */
  limits?: Partial<GatewayLimits>
  /** The hub's metrics and who may scrape them; without it there is no /metrics. */
  metrics?: MetricsRouteOptions
  /** Outbound change subscriptions (the SSRF guard for their URLs); without it those routes are absent. */
  subscriptions?: SubscriptionRouteDeps
}

export interface GatewayLimits {
  bodyLimitBytes: number, requestTimeoutMs: number, headersTimeoutMs: number, rateLimitPerMinute: number,
  bodyMaxDepth: number
}
const defaultLimits: GatewayLimits = {
  bodyLimitBytes: 1048576,
  requestTimeoutMs: 30000,
  headersTimeoutMs: 10000,
  rateLimitPerMinute: 6000,
  bodyMaxDepth: MAX_JSON_DEPTH
}

export async function buildGateway ({
  store, logger, readiness, readinessTimeoutMs = 3000, security = {}, connectors, limits: limitOverrides = {}, metrics,
  subscriptions
}: GatewayDeps): Promise<FastifyInstance> {
  const limits = { ...defaultLimits, ...limitOverrides }
  const app = Fastify({
    loggerInstance: logger.child({ role: 'gateway' }, {
      serializers: {
        // Personal ids travel in paths; logs keep only their ends. Keys a client put in the query
        // string are masked (infra/logging/mask.ts), as are credentials in any logged headers.
        req: (req: { method: string, url: string, id: string }) =>
          ({ method: req.method, url: maskUrl(req.url), reqId: req.id }),
        headers: maskHeaders,
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode })
      }
    }) as FastifyBaseLogger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: limits.bodyLimitBytes,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.requestTimeoutMs * 2,
    // Long ids and codes fit; anything longer is not a real path parameter.
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    // Node refuses oversized headers (the URL counts) before Fastify sees the request: say so as problem+json too.
    clientErrorHandler: answerClientError,
    schemaController: { compilersFactory: { buildValidator: buildValidatorsByPart() as never } }
  })
  // Slow-loris guard: headers must arrive within the limit (Node's server default is 60 s).
  app.server.headersTimeout = limits.headersTimeoutMs
  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id) })
  await app.register(problemDetails)
  await app.register(jsonBody, { maxDepth: limits.bodyMaxDepth })
  await app.register(openapi, { rateLimited: limits.rateLimitPerMinute > 0 })
  // Bodies are JSON; Fastify's built-in text/plain parser would turn a text body into a string that
  // then fails validation (400). Without it, any other media type is 415 LT_ERR_MEDIA_TYPE.
  app.removeContentTypeParser('text/plain')
  await app.register(accessControl, { store, settings: { ...defaultSecuritySettings, ...security } })
  await app.register(limitsPlugin, { rateLimitPerMinute: limits.rateLimitPerMinute })
  if (metrics !== undefined) await app.register(metricsRoute, metrics)
  app.addSchema(viewSchema(personSchema, 'PersonView'))
  await app.register(healthRoutes(readiness, readinessTimeoutMs))
  await app.register(citizenRoutes(store))
  await app.register(citizenLinkRoutes(store))
  await app.register(householdRoutes(store))
  await app.register(landParcelRoutes(store))
  await app.register(civilServantRoutes(store))
  await app.register(conflictRoutes(store))
  await app.register(citizenLookupRoutes(store))
  await app.register(citizenSearchRoutes(store))
  await app.register(schemaRoutes())
  await app.register(accessLogRoutes(store))
  await app.register(adminRoutes(store))
  await app.register(prefillRoutes(store, loadProcedureTemplates()))
  await app.register(unresolvedRoutes(store))
  await app.register(dataQualityRoutes(store))
  await app.register(infrastructureRoutes(store))
  if (connectors !== undefined) await app.register(connectorApiRoutes(connectors))
  if (connectors !== undefined) await app.register(conflictResolutionRoutes(store, connectors.eventLog))
  await app.register(consoleRoutes({
    store, connectors, metrics: metrics?.metrics, templates: loadProcedureTemplates()
  }))
  if (subscriptions !== undefined) await app.register(subscriptionRoutes(store, subscriptions))
  return app
}
