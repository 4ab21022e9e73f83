// What every console page gets: the same services the API routes use, the session, and helpers
// to render a page, redirect after an action (with a notice chosen from a fixed list) and act on
// personal data under a stated purpose (audited like the API: request.access).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { HubMetrics } from '../../infra/observability/metrics.js'
import type { ConnectorApiDeps } from '../routes/connector-deps.js'
import type { ProcedureTemplate } from '../prefill/procedure-template.js'
import { accessContext, type AccessContext } from '../plugins/access-control.js'
import type { Html } from './html.js'
import { layout, type Notice } from './layout.js'
import type { ConsoleSession, Sessions } from './sessions.js'
import type { EventsPerMinute } from './events-per-minute.js'
import { notices } from './notices.js'

export interface ConsoleDeps {
  store: Store
  /** The connector registry, event log and dead letters; without it those pages say so. */
  connectors?: ConnectorApiDeps
  /** The hub's metrics (consumer lag, events per minute); without it those parts say so. */
  metrics?: HubMetrics
  templates: Map<string, ProcedureTemplate>
  /** Session idle timeout; default 30 minutes. */
  sessionIdleMs?: number
}

export interface ConsoleContext extends ConsoleDeps {
  sessions: Sessions
  eventsPerMinute: EventsPerMinute
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the console's guard on every page but sign-in. */
    consoleSession: ConsoleSession | undefined
  }
  interface FastifyContextConfig {
    /** A console route open without a session (sign-in, the style sheet). */
    consoleOpen?: boolean
  }
}

export const sessionOf = (request: FastifyRequest): ConsoleSession => {
  if (request.consoleSession === undefined) throw new Error('console route without a session')
  return request.consoleSession
}

/** Renders a page inside the console frame; a `?ok=` code from a redirect shows its notice. */
export async function page (
  request: FastifyRequest, reply: FastifyReply, { title, current, body, status = 200, notice }: {
    title: string, current: string, body: Html, status?: number, notice?: Notice
  }
): Promise<FastifyReply> {
  const ok = (request.query as Record<string, unknown> | undefined)?.ok
  const shown = notice ??
    (typeof ok === 'string' && Object.hasOwn(notices, ok) ? { text: notices[ok as keyof typeof notices] } : undefined)
  return await reply.code(status).type('text/html; charset=utf-8')
    .send(layout({ title, current, session: request.consoleSession, body, notice: shown }))
}

/** 303 to a console page after a POST, with a notice code (see notices.ts). */
export async function done (reply: FastifyReply, path: string, ok: keyof typeof notices): Promise<FastifyReply> {
  return await reply.redirect(`${path}${path.includes('?') ? '&' : '?'}ok=${ok}`, 303)
}

/**
 * The access context of a personal-data action under a purpose the operator stated: the same
 * grant check and audit entry as an API call with that X-Purpose.
 */
export function withPurpose (request: FastifyRequest, reply: FastifyReply, purpose: string): AccessContext {
  request.headers['x-purpose'] = purpose
  request.access = accessContext(request.server, request, reply, sessionOf(request).principal)
  return request.access
}

/** Logs a management action the way the admin API routes do (who, what, on what). */
export function logAction (request: FastifyRequest, action: string, details: Record<string, unknown>): void {
  request.log.info({ ...details, action, by: sessionOf(request).principal.clientId, via: 'console' },
    `console: ${action}`)
}

/** Options of every console route: past the API-key check (the console guard checks the session), not in OpenAPI. */
export const consoleRoute = { config: { public: true }, schema: { hide: true } } as const
