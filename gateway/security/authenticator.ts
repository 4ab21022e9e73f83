// Who is calling: `Authorization: Bearer <key>` to a principal, or nobody. A successful scrypt
// verification is remembered for `cacheTtlMs` (keyed by a SHA-256 fingerprint, never the key), so
// the slow hash is paid once per key and process per TTL, not on every request; that TTL is also
// how late a revocation made in another process can take effect. Failures are never cached; a
// throttle bounds them per key id and per address (AuthThrottledError, answered 429).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Store } from '../../infra/ports/store.js'
import { getClient, getKey, type ClientKind } from './clients.js'
import { fingerprint, parseKey, verifySecret } from './keys.js'
import { bearerToken } from './bearer.js'
import { AuthThrottledError, type AuthThrottle } from './auth-throttle.js'

export interface Principal {
  clientId: string
  kind: ClientKind
  /** null for the bootstrap operator key from the environment, which is not stored anywhere. */
  keyId: string | null
}

export const BOOTSTRAP_OPERATOR = 'bootstrap-operator'
const MAX_CACHED = 10000

export interface Authenticator {
  /** Throws AuthThrottledError when too many attempts failed for this key id or address. */
  authenticate: (authorization: string | undefined, address?: string) => Promise<Principal | undefined>
  /** Drops every cached verification: this process sees a revocation at once. */
  forget: () => void
}

export function createAuthenticator ({ store, operatorKey, cacheTtlMs, throttle, clock = Date.now }: {
  store: Store
  operatorKey: string
  cacheTtlMs: number
  throttle?: AuthThrottle
  clock?: () => number
}): Authenticator {
  const operatorDigest = operatorKey === '' ? undefined : sha256(operatorKey)
  const cache = new Map<string, { principal: Principal, expiresAt: number }>()
  // Concurrent first requests with one key share a single verification.
  const inFlight = new Map<string, Promise<Principal | undefined>>()

  async function verify (presented: string): Promise<Principal | undefined> {
    const parsed = parseKey(presented)
    if (parsed === undefined) {
      if (operatorDigest !== undefined && timingSafeEqual(sha256(presented), operatorDigest)) {
        return { clientId: BOOTSTRAP_OPERATOR, kind: 'operator', keyId: null }
      }
      return undefined
    }
    const key = await getKey(store, parsed.keyId)
    if (key === undefined || key.revokedAt !== null) return undefined
    const client = await getClient(store, key.clientId)
    if (client === undefined || client.disabled) return undefined
    if (!await verifySecret(parsed.secret, key.hash)) return undefined
    return { clientId: client.id, kind: client.kind, keyId: key.keyId }
  }

  return {
    async authenticate (authorization, address) {
      const presented = bearerToken(authorization)
      if (presented === undefined) return undefined
      const fp = fingerprint(presented)
      const hit = cache.get(fp)
      if (hit !== undefined && hit.expiresAt > clock()) return hit.principal
      cache.delete(fp)
      let pending = inFlight.get(fp)
      if (pending === undefined) {
        // Only a verification is throttled: a key already verified (cached) never waits.
        const subjects = { address, keyId: parseKey(presented)?.keyId }
        const waitMs = throttle?.admit(subjects) ?? 0
        if (waitMs > 0) throw new AuthThrottledError(waitMs)
        pending = verify(presented).then(principal => {
          if (principal !== undefined) throttle?.succeeded(subjects)
          return principal
        }).finally(() => inFlight.delete(fp))
        inFlight.set(fp, pending)
      }
      const principal = await pending
      if (principal !== undefined && cacheTtlMs > 0) {
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
        cache.set(fp, { principal, expiresAt: clock() + cacheTtlMs })
      }
      return principal
    },
    forget () { cache.clear() }
  }
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest()
