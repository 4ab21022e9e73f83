// Discards a dead letter an operator decided not to replay (a test record, a record the source
// itself withdrew), with the reason and who decided. The letter is kept, marked discarded, so the
// decision can be read later; it no longer counts as open (dead-letter depth).
import type { Store } from '../../infra/ports/store.js'
import { RegistryError } from '../registry/registry-error.js'
import type { DeadLetterDoc } from '../../infra/event-log/dead-letter-doc.js'

export async function discardDeadLetter (
  store: Store, id: string, { reason, by }: { reason: string, by: string }, now = new Date()
): Promise<DeadLetterDoc> {
  if (reason.trim().length < 3) {
    throw new RegistryError(400, 'LT_ERR_VALIDATION', 'a discard needs a reason (at least 3 characters)',
      [{ path: '/reason', message: 'is too short' }])
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.get('dead_letters', id) as DeadLetterDoc | undefined
    if (current === undefined) throw new RegistryError(404, 'LT_ERR_DEAD_LETTER_NOT_FOUND', `no dead letter '${id}'`)
    if (current.state === 'discarded') return current
    const next: DeadLetterDoc = {
      ...current, version: current.version + 1, state: 'discarded',
      discardedAt: now.toISOString(), discardReason: reason.trim(), discardedBy: by
    }
    const { stale } = await store.bulkUpsert('dead_letters', [{ doc: next, expectedVersion: current.version }])
    if (stale.length === 0) return next
  }
  throw new RegistryError(409, 'LT_ERR_CONFLICT', `dead letter '${id}' is being changed by someone else`)
}
