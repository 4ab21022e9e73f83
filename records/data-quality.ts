// Counts about the merged data as a whole, for operators: never the records themselves.
import { MAX_FIND_LIMIT, type Store } from '../infra/ports/store.js'
import { goldenCollection } from './golden-record.js'
import { ID_MISMATCH_LINK } from './record-warnings.js'

/** Live person records with an id warning, counted page by page on their equality key. */
export async function countIdMismatches (store: Store): Promise<number> {
  let count = 0
  let after: string | undefined
  for (;;) {
    const page = await store.find(goldenCollection.person, {
      where: { [`links.${ID_MISMATCH_LINK}`]: true },
      orderBy: { field: '_id' },
      ...(after !== undefined ? { after: { value: after, id: after } } : {}),
      limit: MAX_FIND_LIMIT
    })
    count += page.filter(d => d.deleted !== true).length
    if (page.length < MAX_FIND_LIMIT) return count
    after = page[page.length - 1]._id
  }
}
