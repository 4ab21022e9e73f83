// A canonical hash of what the merger wrote, with volatile fields removed, so a store rebuilt from
// the log can be compared with the live one. Volatile: `appliedAt` (wall-clock time of the write)
// everywhere, and the store version of conflict documents (one write per batch, so it counts
// batches). Golden record versions and history are kept: both advance once per applied event in
// log order, so a replay reproduces them.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import type { CollectionName, Store, StoredDoc } from '../../infra/ports/store.js'
import { goldenCollection } from '../../records/golden-record.js'

export const mergerCollections: CollectionName[] = [...Object.values(goldenCollection), 'conflicts', 'history']

export interface StoreHash { hash: string, documents: Record<string, number> }

export function stripVolatile (collection: CollectionName, doc: StoredDoc): Record<string, unknown> {
  const { appliedAt: _appliedAt, ...rest } = doc
  if (collection === 'conflicts') { const { version: _version, ...kept } = rest; return kept }
  return rest
}

/** Pages through every merger collection in `_id` order. */
export async function* documentsOf (
  store: Store, collection: CollectionName, pageSize = 2000
): AsyncGenerator<StoredDoc> {
  let after: { value: string, id: string } | undefined
  for (;;) {
    const page = await store.find(collection, { orderBy: { field: '_id' }, after, limit: pageSize })
    yield * page
    if (page.length < pageSize) return
    const last = page[page.length - 1]._id
    after = { value: last, id: last }
  }
}

export async function hashStore (store: Store, collections: CollectionName[] = mergerCollections): Promise<StoreHash> {
  const sha = createHash('sha256')
  const documents: Record<string, number> = {}
  for (const collection of collections) {
    let n = 0
    for await (const doc of documentsOf(store, collection)) {
      sha.update(`${collection}\n${canonicalJson(stripVolatile(collection, doc))}\n`)
      n++
    }
    documents[collection] = n
  }
  return { hash: sha.digest('hex'), documents }
}

/** True when none of the merger's collections holds a document. */
export async function mergerCollectionsEmpty (store: Store): Promise<boolean> {
  for (const collection of mergerCollections) {
    if ((await store.find(collection, { limit: 1 })).length > 0) return false
  }
  return true
}
