// Golden records are a materialized view of history (issue 14): the merger folds a batch into the
// records it touches and writes each of them once. While it catches up it may hold them back
// across batches (pending) and write each dirty key once when it is caught up or holds too many:
// history and conflicts are already stored, so a record held back is behind, never lost. What a
// batch stages joins the pending set only once the batch's own writes succeeded (commit), so a
// batch that fails and is delivered again merges from what the store and earlier batches hold.
import type { CollectionName, Store, StoredDoc, VersionedWrite } from '../../infra/ports/store.js'
import type { GoldenRecord } from '../../records/golden-record.js'
import type { StaleWrite } from '../../records/writer.js'

interface Held { collection: CollectionName, doc: GoldenRecord, storedVersion: number | null }

export interface Staging {
  stage: (collection: CollectionName, doc: GoldenRecord, storedVersion: number | null) => void
  /** The records staged in this batch, per collection, as versioned writes. */
  writes: () => Map<CollectionName, VersionedWrite[]>
}

export interface Materializer {
  /** The records with these ids as the merger must fold onto: held back ones first, else the store's. */
  current: (collection: CollectionName, ids: string[]) => Promise<Map<string, StoredDoc>>
  staging: () => Staging
  /** Adds a batch's staged records to those held back. */
  commit: (staging: Staging) => void
  /** Records held back, not yet written. */
  held: () => number
  /** Held-back records of a collection whose first person link names this person (records/signals/). */
  heldNaming: (collection: CollectionName, personalId: string) => StoredDoc[]
  /** Writes every held record once; a stale one is dropped (the store's is newer) and returned. */
  flush: () => Promise<{ written: number, stale?: StaleWrite }>
}

const slot = (collection: CollectionName, id: string): string => `${collection}\u0000${id}`

export function createMaterializer (store: Store): Materializer {
  const pending = new Map<string, Held>()
  return {
    async current (collection, ids) {
      const fromStore = await store.getMany(collection, ids.filter(id => !pending.has(slot(collection, id))))
      for (const id of ids) {
        const held = pending.get(slot(collection, id))
        if (held !== undefined) fromStore.set(id, held.doc)
      }
      return fromStore
    },
    staging () {
      const staged = new Map<string, Held>()
      return {
        stage (collection, doc, storedVersion) {
          // A record already held back keeps the version the store has, which its write expects.
          const key = slot(collection, doc._id)
          const known = staged.get(key) ?? pending.get(key)
          staged.set(key, { collection, doc, storedVersion: known !== undefined ? known.storedVersion : storedVersion })
        },
        writes: () => writesOf(staged.values())
      }
    },
    commit (staging) {
      for (const [collection, writes] of staging.writes()) {
        for (const w of writes) {
          pending.set(
            slot(collection, w.doc._id), { collection, doc: w.doc as GoldenRecord, storedVersion: w.expectedVersion }
          )
        }
      }
    },
    held: () => pending.size,
    heldNaming: (collection, personalId) => [...pending.values()]
      .filter(h => h.collection === collection && h.doc.links?.person0 === personalId).map(h => h.doc),
    async flush () {
      let written = 0
      for (const [collection, writes] of writesOf(pending.values())) {
        const result = await store.bulkUpsert(collection, writes)
        written += result.applied.length
        for (const w of writes) pending.delete(slot(collection, w.doc._id))
        if (result.stale.length > 0) return { written, stale: { collection, ids: result.stale } }
      }
      return { written }
    }
  }
}

function writesOf (held: Iterable<Held>): Map<CollectionName, VersionedWrite[]> {
  const out = new Map<CollectionName, VersionedWrite[]>()
  for (const { collection, doc, storedVersion } of held) {
    const writes = out.get(collection) ?? []
    if (writes.length === 0) out.set(collection, writes)
    writes.push({ doc, expectedVersion: storedVersion })
  }
  return out
}
