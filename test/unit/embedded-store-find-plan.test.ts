// A find by a field on the embedded store searches that field's index, whatever the planner
// statistics say: walking the primary key instead scans the whole collection (found at 90 000
// cards: 1.65 s a find, and still so with sampled statistics).
import t from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { findSql, openEmbeddedStore } from '../../infra/store/embedded.js'

const column = (_collection: string, field: string): string => field === '_id' ? 'id'
  : `json_extract(body, '$.${field}')`
const planOf = (file: string, sql: string, params: Array<string | number>): string => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map(r => r.detail)
      .join('; ')
  } finally { db.close() }
}

t.test('finds by a link field search its index, even with misleading statistics', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  const store = openEmbeddedStore({ file })
  // Many cards, few per person: the shape where the primary-key walk is the wrong plan.
  for (let i = 0; i < 6000; i += 500) {
    await store.bulkUpsert('health_cards', Array.from({ length: 500 }, (_v, j) => ({
      doc: { _id: `card-${i + j}`, version: 1, links: { person0: `p${(i + j) % 3000}` } }, expectedVersion: null
    })))
  }
  const query = { where: { 'links.person0': 'p17' }, limit: 50 }
  t.same((await store.find('health_cards', query)).map(d => d._id).sort(), ['card-17', 'card-3017'])
  await store.close()

  const bare = "SELECT body FROM documents WHERE collection = 'health_cards' " +
    "AND json_extract(body, '$.links.person0') = ? ORDER BY id ASC LIMIT ?"
  t.notMatch(planOf(file, bare, ['p17', 50]), /ix_health_cards_links_person0/,
    'left to itself (a store never analyzed), the planner walks the primary key')
  const { sql, params } = findSql('health_cards', query, column)
  t.match(planOf(file, sql, params), /SEARCH documents USING INDEX ix_health_cards_links_person0/,
    'the store\'s find searches the link index')

  // What a sampled ANALYZE wrote on the benchmark's store: about a thousand cards per person.
  const db = new Database(file)
  db.exec('ANALYZE')
  db.prepare("UPDATE sqlite_stat1 SET stat = '6000 1001 1001' WHERE idx = 'ix_health_cards_links_person0'").run()
  db.close()
  t.match(planOf(file, sql, params), /SEARCH documents USING INDEX ix_health_cards_links_person0/,
    'and still does with misleading statistics')
  t.throws(() => findSql('health_cards; DROP TABLE documents', query, column), /bad collection/)
})
