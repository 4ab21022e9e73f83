// How the merger stores one batch: history snapshots, conflict documents and golden records, in the
// order readers rely on. The merger decides what to write; this decides how it lands in the store.
import type { CollectionName, Store, VersionedWrite } from '../infra/ports/store.js'

export interface MergedWrites {
  history: VersionedWrite[]
  conflicts: VersionedWrite[]
  golden: Map<CollectionName, VersionedWrite[]>
}

/** A versioned write another writer got to first: the batch must be merged again. */
export interface StaleWrite { collection: CollectionName, ids: string[] }

/**
 * History first (a snapshot already there came from an earlier attempt at this same batch), golden
 * records last, so a record never names a version whose snapshot is missing. Stops at the first
 * stale conflict or golden write and returns it.
 */
export async function writeMerged (
  store: Store, { history, conflicts, golden }: MergedWrites
): Promise<StaleWrite | undefined> {
  if (history.length > 0) await store.bulkUpsert('history', history)
  if (conflicts.length > 0) {
    const result = await store.bulkUpsert('conflicts', conflicts)
    if (result.stale.length > 0) return { collection: 'conflicts', ids: result.stale }
  }
  for (const [collection, writes] of golden) {
    const result = await store.bulkUpsert(collection, writes)
    if (result.stale.length > 0) return { collection, ids: result.stale }
  }
  return undefined
}
