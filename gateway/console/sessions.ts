// Server-side console sessions: the browser holds only a random id in an HttpOnly, SameSite=Strict
// cookie; the principal, the CSRF token and the expiry stay here. Kept in this process's memory:
// a restart signs operators out, which is acceptable for a console and keeps no session secret on
// disk. A session ends at sign-out, after `idleMs` without a request, after `maxAgeMs` in all, or
// as soon as its key is revoked or its client disabled (checked on every request).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Store } from '../../infra/ports/store.js'
import type { Principal } from '../security/authenticator.js'
import { getClient, getKey } from '../security/clients.js'

export interface ConsoleSession {
  principal: Principal
  csrf: string
  createdAt: number
  lastSeenAt: number
}

export const SESSION_COOKIE = 'lt_console'
export const SIGN_IN_COOKIE = 'lt_console_signin'
const MAX_SESSIONS = 1000

const digest = (id: string): string => createHash('sha256').update(id).digest('base64url')
export const randomToken = (): string => randomBytes(32).toString('base64url')

/** Constant-time equality of two tokens (different lengths are simply unequal). */
export function sameToken (a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

export function createSessions ({ store, idleMs = 30 * 60000, maxAgeMs = 12 * 3600000, clock = Date.now }: {
  store: Store, idleMs?: number, maxAgeMs?: number, clock?: () => number
}) {
  const sessions = new Map<string, ConsoleSession>()
  const expired = (s: ConsoleSession, now: number): boolean =>
    now - s.lastSeenAt > idleMs || now - s.createdAt > maxAgeMs

  /** Whether the key behind a session still opens the hub (the bootstrap key cannot be revoked). */
  async function stillValid (p: Principal): Promise<boolean> {
    if (p.keyId === null) return true
    const key = await getKey(store, p.keyId)
    const client = await getClient(store, p.clientId)
    return key !== undefined && key.revokedAt === null && client !== undefined && !client.disabled &&
      client.kind === 'operator'
  }

  return {
    idleMs,
    /** A new session; returns the cookie value. */
    open (principal: Principal): { id: string, session: ConsoleSession } {
      const now = clock()
      for (const [k, s] of sessions) if (expired(s, now)) sessions.delete(k)
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string)
      const id = randomToken()
      const session = { principal, csrf: randomToken(), createdAt: now, lastSeenAt: now }
      sessions.set(digest(id), session)
      return { id, session }
    },
    async find (id: string | undefined): Promise<ConsoleSession | undefined> {
      if (id === undefined || id === '') return undefined
      const key = digest(id)
      const session = sessions.get(key)
      const now = clock()
      if (session === undefined) return undefined
      if (expired(session, now) || !await stillValid(session.principal)) { sessions.delete(key); return undefined }
      session.lastSeenAt = now
      return session
    },
    close (id: string | undefined): void { if (id !== undefined) sessions.delete(digest(id)) }
  }
}

export type Sessions = ReturnType<typeof createSessions>

/** The cookies of a request, by name (the console needs no cookie library for two cookies). */
export function readCookies (header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim())
  }
  return out
}

/** A Set-Cookie value: HttpOnly, SameSite=Strict, only under /console, Secure when served over HTTPS. */
export function cookie (
  name: string, value: string, { maxAgeS, secure }: { maxAgeS: number, secure: boolean }
): string {
  return `${name}=${encodeURIComponent(value)}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}` +
    `${secure ? '; Secure' : ''}`
}
