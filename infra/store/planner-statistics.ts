// Planner statistics of an embedded store file (SQLite ANALYZE tables): bench:api sets or clears
// them before a run to show the store's plans do not depend on them (bench/api/sqlite-statistics.ts).
import Database from 'better-sqlite3'

/** ANALYZE the file when `on`, else empty its statistics tables (a fresh hub store has none). */
export function setPlannerStatistics (file: string, on: boolean): void {
  const db = new Database(file)
  try {
    if (on) db.exec('ANALYZE')
    else {
      // A fresh hub store has no statistics tables; emptying them restores the planner's defaults.
      for (const table of ['sqlite_stat1', 'sqlite_stat4']) {
        if (db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table) !== undefined) {
          db.exec(`DELETE FROM ${table}`)
        }
      }
    }
  } finally {
    db.close()
  }
}
