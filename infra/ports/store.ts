// The store port: shaped by what the hub does with documents, not a query language.
// Every document is keyed by its natural id in `_id` and carries a `version` used for optimistic
// concurrency (FerretDB 1.x has no transactions, so this is how concurrent writers stay safe).
// Contract (test/contract/store.contract.ts, run against every adapter):
// - getMany returns the documents that exist, keyed by id.
// - bulkUpsert applies a write only if the stored version equals `expectedVersion` (null: the
//   document must not exist yet); otherwise the write is refused and reported, never applied.
// - Cursors are saved and read back per connector stream; everything survives a restart.

/** Collections the hub keeps. Adding one is a deliberate act, so the set is closed. */
export type CollectionName = 'persons'

export interface StoredDoc {
  _id: string
  version: number
  [field: string]: unknown
}

export interface VersionedWrite {
  doc: StoredDoc
  /** The version the writer read; null when it read nothing. doc.version must be greater. */
  expectedVersion: number | null
}

export interface BulkUpsertResult {
  applied: string[]
  /** Ids whose write was refused because the stored version had moved on. */
  stale: string[]
}

export interface Store {
  readonly kind: 'mongodb' | 'embedded'
  get: (collection: CollectionName, id: string) => Promise<StoredDoc | undefined>
  getMany: (collection: CollectionName, ids: string[]) => Promise<Map<string, StoredDoc>>
  bulkUpsert: (collection: CollectionName, writes: VersionedWrite[]) => Promise<BulkUpsertResult>
  getCursor: (connectorId: string, stream: string) => Promise<unknown>
  saveCursor: (connectorId: string, stream: string, cursor: unknown) => Promise<void>
  ping: () => Promise<void>
  close: () => Promise<void>
}

export class StoreWriteError extends Error {
  readonly code = 'LT_ERR_STORE_WRITE'
  constructor (message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StoreWriteError'
  }
}

/** Refuses a write whose new version does not move forward: a programming error, not a conflict. */
export function assertWritesMoveForward (writes: VersionedWrite[]): void {
  for (const w of writes) {
    if (!Number.isInteger(w.doc.version) || w.doc.version <= (w.expectedVersion ?? 0)) {
      throw new StoreWriteError(`write for ${w.doc._id} must carry a version above ${w.expectedVersion ?? 0}`)
    }
  }
  const ids = new Set(writes.map(w => w.doc._id))
  if (ids.size !== writes.length) throw new StoreWriteError('one bulk write may hold each id once')
}
