// The exact final contents the load produced, read back from the store page by page: every golden
// record, history entry, link document, and the conflicts and records waiting for a link the merger
// wrote. The ceiling re-inserts these very documents.
import type { CollectionName, Store, StoredDoc } from '../../infra/ports/store.js'
import { goldenCollection } from '../../records/golden-record.js'

export const loadedCollections: CollectionName[] = [...new Set(Object.values(goldenCollection)), 'history', 'id_links',
  'conflicts', 'unresolved']

/** Every document of a collection, page by page in `_id` order. */
export async function * pagesOf (store: Store, collection: CollectionName,
  pageSize: number): AsyncGenerator<StoredDoc[]> {
  let after: { value: string, id: string } | undefined
  for (;;) {
    const page = await store.find(collection, { orderBy: { field: '_id' }, after, limit: pageSize })
    if (page.length > 0) yield page
    if (page.length < pageSize) return
    const last = page[page.length - 1]._id
    after = { value: last, id: last }
  }
}
