// The embedded store's finds by a link field (a citizen's cards, parcels…) use a partial index on
// a JSON expression, which SQLite's planner passes over for the primary-key prefix (a scan of the
// whole collection) unless the file holds planner statistics (ANALYZE). The hub never runs
// ANALYZE, so the benchmark measures without statistics by default and says so; `--sqlite-analyze`
// measures the same store with them, to show what the missing statistics cost. Statistics live in
// the file, so they are set or cleared explicitly before every run, whatever an earlier run left.
import Database from 'better-sqlite3'
import type { Store } from '../../infra/ports/store.js'

/** The link fields whose finds the benchmark makes: created here so ANALYZE can see their indexes. */
export async function createLinkIndexes (store: Store): Promise<void> {
  await store.find('health_cards', { where: { 'links.person0': '000000000000' }, limit: 1 })
}

export function setPlannerStatistics (file: string, on: boolean): void {
  const db = new Database(file)
  try {
    if (on) db.exec('ANALYZE')
    else {
      // A fresh hub store has no statistics tables; emptying them restores the planner's defaults.
      for (const table of ['sqlite_stat1', 'sqlite_stat4']) {
        if (db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table) !== undefined) db.exec(`DELETE FROM ${table}`)
      }
    }
  } finally {
    db.close()
  }
}
