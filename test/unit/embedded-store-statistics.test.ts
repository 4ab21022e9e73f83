// The embedded store keeps SQLite's planner statistics, so a find on a field is an index search
// rather than a walk of the whole collection in _id order (found at 90 000 cards: 1.65 s a find).
import t from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import type { Store } from '../../infra/ports/store.js'

const INDEX = /USING INDEX ix_health_cards_links_person0/

const planOf = (file: string): string => {
  const db = new Database(file, { readonly: true })
  try {
    const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT body FROM documents WHERE collection = 'health_cards'
      AND json_extract(body, '$.links.person0') = ? ORDER BY id ASC LIMIT 50`).all('p17') as Array<{ detail: string }>
    return rows.map(r => r.detail).join('; ')
  } finally { db.close() }
}

/** Rows of the link index as its statistics say (0 when it has none). */
const indexedRows = (file: string): number => {
  const db = new Database(file, { readonly: true })
  try {
    const stat = db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_health_cards_links_person0'").pluck().get() as string | undefined
    return stat === undefined ? 0 : Number(stat.split(' ')[0])
  } finally { db.close() }
}

// Many cards, few per person: the shape where the primary-key walk is the wrong plan.
async function writeCards (store: Store): Promise<void> {
  for (let i = 0; i < 6000; i += 500) {
    await store.bulkUpsert('health_cards', Array.from({ length: 500 }, (_v, j) => ({
      doc: { _id: `card-${i + j}`, version: 1, links: { person0: `p${(i + j) % 3000}` } }, expectedVersion: null
    })))
  }
}

const findCards = async (store: Store): Promise<string[]> =>
  (await store.find('health_cards', { where: { 'links.person0': 'p17' }, limit: 50 })).map(d => d._id).sort()

t.test('an index created on a populated collection is analyzed at once', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  const store = openEmbeddedStore({ file })
  await writeCards(store)
  t.same(await findCards(store), ['card-17', 'card-3017'])
  await store.close()
  t.match(planOf(file), INDEX, 'the find searches the link index')

  // The check above means something: without the statistics SQLite picks the primary-key walk.
  const db = new Database(file)
  db.exec('DELETE FROM sqlite_stat1')
  db.close()
  t.notMatch(planOf(file), INDEX, 'without statistics the planner walks the primary key')
})

t.test('an index created on an empty collection is analyzed when the store reopens', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  let store = openEmbeddedStore({ file })
  t.same(await findCards(store), [], 'the index is created while nothing is there')
  await writeCards(store)
  await store.close()
  t.equal(indexedRows(file), 0, 'the statistics still describe the empty index')
  store = openEmbeddedStore({ file })
  t.same(await findCards(store), ['card-17', 'card-3017'])
  await store.close()
  t.equal(indexedRows(file), 6000, 'reopening refreshed them')
  t.match(planOf(file), INDEX, 'the find searches the link index')
})
