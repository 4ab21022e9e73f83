// Deny by default: every route needs `Authorization: Bearer <key>` except the public ones (docs,
// health, canonical schemas). Authenticated requests get `request.access`, through which a
// personal-data route asks for the fields granted to (client, X-Purpose, entity) — 400 without a
// purpose, 403 naming the missing grant — and appends the audit entry before it replies (503 when
// that fails, so no read goes unlogged).
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import { ApiProblem } from '../problem.js'
import { createAuthenticator, type Authenticator, type Principal } from '../security/authenticator.js'
import { createGrantChecker, type GrantChecker } from '../security/grant-checker.js'
import { createAuditWriter, type AuditWriter } from '../security/audit-writer.js'
import type { AuditEntry } from '../security/audit-chain.js'
import type { EntityName } from '../security/entities.js'
import { isPurpose } from '../security/grants.js'
import {
  AuthThrottledError, createAuthThrottle, defaultAuthThrottle, type AuthThrottle, type AuthThrottleSettings
} from '../security/auth-throttle.js'

export interface SecuritySettings {
  /** Bootstrap operator key; '' = none. */
  operatorKey: string
  keyCacheTtlMs: number
  grantCacheTtlMs: number
  auditBatchMax: number
  auditTimeoutMs: number
  /** Failed authentications allowed per key id / per address per window (429 above). */
  authThrottle: AuthThrottleSettings
}

export const defaultSecuritySettings: SecuritySettings = {
  operatorKey: '',
  keyCacheTtlMs: 5000,
  grantCacheTtlMs: 1000,
  auditBatchMax: 256,
  auditTimeoutMs: 5000,
  authThrottle: defaultAuthThrottle
}

export interface PersonalDataRead {
  entity: EntityName
  /** Personal ids of the citizens whose data the response carries: each gets an access-log line. */
  subjects: string[]
  /** The field paths actually returned. */
  fields: string[]
}

export interface AccessContext {
  readonly principal: Principal
  /** The X-Purpose header as sent; checked by grantedFields. */
  readonly purpose: string | undefined
  /** Fields granted for (client, purpose, entity). Throws 400 without a valid purpose, 403 without a grant. */
  grantedFields: (entity: EntityName) => Promise<readonly string[]>
  /**
   * The same, but an empty list where there is no grant: for a read that covers several entities
   * and leaves out the ones it may not read (prefill). Still 400 without a valid purpose.
   */
  fieldsIfGranted: (entity: EntityName) => Promise<readonly string[]>
  /** Appends the audit entry of this read; throws 503 when it cannot be written. Call before replying. */
  audit: (read: PersonalDataRead) => Promise<AuditEntry>
}

export interface AccessControl {
  authenticator: Authenticator
  /** Shared with other credential checks (push tokens), so one budget covers every guess. */
  authThrottle: AuthThrottle
  grants: GrantChecker
  audit: AuditWriter
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every route that is not public (see isPublicRoute). */
    access: AccessContext
  }
  interface FastifyInstance {
    accessControl: AccessControl
  }
  interface FastifyContextConfig {
    /** Serve without authentication. Only for routes that return no personal and no client data. */
    public?: boolean
  }
}

/** Routes anyone may call: documentation, health and the canonical schemas (no personal data). */
const publicPrefixes = ['/docs', '/health/', '/v1/schemas']

function isPublicRoute (request: FastifyRequest): boolean {
  const url = request.routeOptions.url
  // No route matched: the not-found handler answers, and it reveals nothing.
  if (url === undefined) return true
  return request.routeOptions.config.public === true ||
    publicPrefixes.some(p => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`))
}

/** Problems a personal-data route can answer with, for its response schema (and so for OpenAPI). */
export const personalDataResponses = {
  400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' }, 503: { $ref: 'Problem#' }
} as const

/** The X-Purpose header, documented; checked by grantedFields so it answers with its own codes. */
export const purposeHeaders = {
  type: 'object',
  properties: {
    'x-purpose': {
      type: 'string',
      description: 'Why the data is read: a one-stop procedure code (e.g. `1.001193`) or a legal-basis code. ' +
        'Required on every read of personal data.'
    }
  }
} as const

/** onRequest hook for operator-only routes. */
export async function requireOperator (request: FastifyRequest): Promise<void> {
  if (request.access.principal.kind !== 'operator') {
    throw new ApiProblem(403, 'LT_ERR_FORBIDDEN', 'Operators only',
      `Client '${request.access.principal.clientId}' is not an operator; this endpoint manages clients and grants.`)
  }
}

/** onRequest hook for the connector registry (register, dry-run, pause, resume): integrators and operators. */
export async function requireRegistry (request: FastifyRequest): Promise<void> {
  const { kind, clientId } = request.access.principal
  if (kind !== 'operator' && kind !== 'integrator') {
    throw new ApiProblem(403, 'LT_ERR_FORBIDDEN', 'Integrators and operators only',
      `Client '${clientId}' is a ${kind} client; the connector registry is for integrator and operator clients.`)
  }
}

export function accessContext (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, principal: Principal
): AccessContext {
  const header = request.headers['x-purpose']
  const purpose = header === undefined ? undefined : String(header)
  async function fieldsIfGranted (entity: EntityName): Promise<readonly string[]> {
    if (purpose === undefined || purpose === '') {
      throw new ApiProblem(400, 'LT_ERR_PURPOSE_REQUIRED', 'A purpose is required',
        'Reads of personal data must state their purpose in the X-Purpose header: ' +
        'a procedure code such as 1.001193 or a legal-basis code.',
        [{ path: 'headers/x-purpose', message: 'is required' }])
    }
    if (Array.isArray(header) || !isPurpose(purpose)) {
      throw new ApiProblem(400, 'LT_ERR_PURPOSE_INVALID', 'The purpose is not valid',
        'X-Purpose must be one procedure or legal-basis code: letters, digits and . _ : - (at most 64).',
        [{ path: 'headers/x-purpose', message: 'is not a purpose code' }])
    }
    return await app.accessControl.grants.fieldsFor(principal.clientId, purpose, entity) ?? []
  }
  return {
    principal,
    purpose,
    fieldsIfGranted,
    async grantedFields (entity) {
      const fields = await fieldsIfGranted(entity)
      if (fields.length === 0) {
        request.log.warn({ clientId: principal.clientId, purpose, entity }, 'read refused: no grant')
        throw new ApiProblem(403, 'LT_ERR_FORBIDDEN', 'No grant for this read',
          `Client '${principal.clientId}' has no grant for purpose '${purpose}' on entity '${entity}'.`,
          [{
            path: 'grant',
            message: `missing grant: client=${principal.clientId} purpose=${purpose} entity=${entity}`
          }])
      }
      return fields
    },
    async audit ({ entity, subjects, fields }) {
      if (purpose === undefined) throw new Error('audit() before grantedFields(): a read without a checked purpose')
      try {
        return await app.accessControl.audit.append({
          at: new Date().toISOString(),
          requestId: request.id,
          clientId: principal.clientId,
          purpose,
          entity,
          subjects,
          fields
        })
      } catch (err) {
        request.log.error({ err, clientId: principal.clientId, entity }, 'audit append failed: read refused')
        void reply.header('retry-after', '1')
        throw new ApiProblem(503, 'LT_ERR_AUDIT_UNAVAILABLE', 'Audit log unavailable',
          'The read was refused because its audit entry could not be written; try again shortly.')
      }
    }
  }
}

/** 429 with Retry-After for an address or key id that failed too often. */
export function throttledProblem (reply: FastifyReply, err: AuthThrottledError): ApiProblem {
  const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000))
  void reply.header('retry-after', String(seconds))
  return new ApiProblem(429, err.code, 'Too many failed authentications',
    `Too many failed authentications from this address or for this key; retry after ${seconds} s.`)
}

async function accessControl (
  app: FastifyInstance, { store, settings }: { store: Store, settings: SecuritySettings }
): Promise<void> {
  const authThrottle = createAuthThrottle(settings.authThrottle)
  const control: AccessControl = {
    authenticator: createAuthenticator({
      store,
      operatorKey: settings.operatorKey,
      cacheTtlMs: settings.keyCacheTtlMs,
      throttle: authThrottle
    }),
    authThrottle,
    grants: createGrantChecker({ store, ttlMs: settings.grantCacheTtlMs }),
    audit: createAuditWriter({ store, batchMax: settings.auditBatchMax, timeoutMs: settings.auditTimeoutMs })
  }
  app.decorate('accessControl', control)
  app.decorateRequest('access', null as unknown as AccessContext)
  app.addHook('onRequest', async (request, reply) => {
    if (isPublicRoute(request)) return
    const authorization = request.headers.authorization
    let principal: Principal | undefined
    try {
      principal = await control.authenticator.authenticate(authorization, request.ip)
    } catch (err) {
      if (err instanceof AuthThrottledError) throw throttledProblem(reply, err)
      throw err
    }
    if (principal === undefined) {
      void reply.header('www-authenticate', 'Bearer realm="lienthong"')
      throw new ApiProblem(401, 'LT_ERR_UNAUTHENTICATED', 'Authentication required', authorization === undefined
        ? 'Send an API key as Authorization: Bearer <key>.'
        : 'The API key is not valid, was revoked, or its client is disabled.')
    }
    request.access = accessContext(app, request, reply, principal)
  })
  app.addHook('onClose', async () => { await control.audit.close() })
}

export default fp(accessControl, { name: 'access-control', dependencies: ['problem-details'] })
