// The per-request grant check, with a short cache (positive and negative answers) so a burst of
// reads by one client costs one store get per TTL. Grants are data: a change made in any process
// is seen here within the TTL, and at once in the process that made it (forget()).
import type { Store } from '../../infra/ports/store.js'
import type { EntityName } from './entities.js'
import { getGrant, grantId } from './grants.js'

export interface GrantChecker {
  /** The granted field paths, or undefined when there is no grant (deny by default). */
  fieldsFor: (clientId: string, purpose: string, entity: EntityName) => Promise<readonly string[] | undefined>
  forget: () => void
}

const MAX_CACHED = 10000

export function createGrantChecker (
  { store, ttlMs, clock = Date.now }: { store: Store, ttlMs: number, clock?: () => number }
): GrantChecker {
  const cache = new Map<string, { fields: readonly string[] | undefined, expiresAt: number }>()
  return {
    async fieldsFor (clientId, purpose, entity) {
      const id = grantId(clientId, purpose, entity)
      const hit = cache.get(id)
      if (hit !== undefined && hit.expiresAt > clock()) return hit.fields
      const grant = await getGrant(store, clientId, purpose, entity)
      const fields = grant === undefined ? undefined : Object.freeze([...grant.fields])
      if (ttlMs > 0) {
        cache.delete(id)
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
        cache.set(id, { fields, expiresAt: clock() + ttlMs })
      }
      return fields
    },
    forget () { cache.clear() }
  }
}
