// The exact final contents the load produced, read back from the store: every golden record, history
// entry, link document, and the conflicts and records waiting for a link the merger wrote. The
// ceiling re-inserts these very documents.
import type { CollectionName, Store, StoredDoc } from '../../infra/ports/store.js'
import { goldenCollection } from '../../records/golden-record.js'

export const loadedCollections: CollectionName[] = [...new Set(Object.values(goldenCollection)), 'history', 'id_links', 'conflicts', 'unresolved']

export interface LoadedContents { collection: CollectionName, docs: StoredDoc[] }

/** Every document of a collection, page by page in `_id` order. */
export async function readAll (store: Store, collection: CollectionName, pageSize = 2000): Promise<StoredDoc[]> {
  const out: StoredDoc[] = []
  let after: { value: string, id: string } | undefined
  for (;;) {
    const page = await store.find(collection, { orderBy: { field: '_id' }, after, limit: pageSize })
    out.push(...page)
    if (page.length < pageSize) return out
    const last = page[page.length - 1]._id
    after = { value: last, id: last }
  }
}

export async function readLoadedContents (store: Store): Promise<LoadedContents[]> {
  const out: LoadedContents[] = []
  for (const collection of loadedCollections) out.push({ collection, docs: await readAll(store, collection) })
  return out
}

export const documentCount = (contents: LoadedContents[]): number => contents.reduce((n, c) => n + c.docs.length, 0)
export const byteCount = (contents: LoadedContents[]): number => contents.reduce((n, c) => n + c.docs.reduce((m, d) => m + JSON.stringify(d).length, 0), 0)
