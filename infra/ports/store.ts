// The store port: shaped by what the hub does with documents, not a query language.
// Every document is keyed by its natural id in `_id` and carries a `version` used for optimistic
// concurrency (FerretDB 1.x has no transactions, so this is how concurrent writers stay safe).
// Contract (test/contract/store.contract.ts, run against every adapter):
// - getMany returns the documents that exist, keyed by id.
// - bulkUpsert applies a write only if the stored version equals `expectedVersion` (null: the
//   document must not exist yet); otherwise the write is refused and reported, never applied.
// - Cursors are saved and read back per connector stream; everything survives a restart.

import { HubError } from '../shared/hub-error.js'

/** Collections the hub keeps. Adding one is a deliberate act, so the set is closed. */
export const collectionNames = [
  // golden records, keyed by canonical id
  'persons', 'households', 'land_parcels', 'land_certificates', 'health_cards', 'business_households',
  'driver_licences',
  'unemployment_benefits',
  'student_enrolments',
  'notarizations',
  'construction_permits',
  'civil_servants',
  'social_beneficiaries',
  'infrastructure_assets',
  // append-only history of golden records, conflicts between sources, records waiting for a link
  'history', 'conflicts', 'unresolved', 'id_links',
  // connector registry and dead letters kept for listing and replay
  'connectors', 'dead_letters',
  // access control and audit
  'api_clients', 'grants', 'audit', 'access_log',
  // outbound change subscriptions: the subscriptions, their outboxes, counters and dead letters
  'subscriptions', 'subscription_outbox', 'subscription_cursors', 'subscription_dead_letters'
] as const
export type CollectionName = typeof collectionNames[number]

/** A scalar a document field can be compared with. */
export type FieldValue = string | number | boolean

/**
 * The one query shape the hub needs: equality on top-level or dotted fields (what FerretDB pushes
 * down to its backend), ordered by one field then `_id`, paged by a keyset cursor.
 */
export interface FindQuery {
  where?: Record<string, FieldValue>
  orderBy?: { field: string, direction?: 'asc' | 'desc' }
  /** Keyset cursor: the orderBy value and `_id` of the last document of the previous page. */
  after?: { value: FieldValue, id: string }
  limit: number
}

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
  /** Documents matching every equality, in (orderBy field, _id) order; at most `limit`. */
  find: (collection: CollectionName, query: FindQuery) => Promise<StoredDoc[]>
  /** Deletes by id; returns how many existed. Golden records are never deleted (tombstones are). */
  deleteMany: (collection: CollectionName, ids: string[]) => Promise<number>
  getCursor: (connectorId: string, stream: string) => Promise<unknown>
  saveCursor: (connectorId: string, stream: string, cursor: unknown) => Promise<void>
  ping: () => Promise<void>
  close: () => Promise<void>
}

export const MAX_FIND_LIMIT = 5000

/** Field names reach SQL and Mongo filters: keep them to plain dotted identifiers. */
export function assertFieldName (field: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(field)) {
    throw new StoreWriteError(`not a field name: ${field}`)
  }
}

/**
 * A refused write. Retriable only when the engine failed under it (`cause` holds the driver's
 * error); a write the port itself refuses is a programming error that no retry mends.
 */
export class StoreWriteError extends HubError {
  constructor (message: string, options?: { cause?: unknown, retriable?: boolean }) {
    super(message, { code: 'LT_ERR_STORE_WRITE', retriable: options?.retriable ?? false, cause: options?.cause })
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
