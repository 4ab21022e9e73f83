// The embedded log's end as last seen, recorded in the store file. The store's read models are
// built from the log, so the log can never honestly be shorter than this: when it is, the log was
// truncated, replaced or lost, and the hub must not start as if nothing had happened (it did:
// consumer offsets went back to 0 and all history was gone without a word).
import type Database from 'better-sqlite3'
import { logEnd, withFile, type EmbeddedFiles } from './embedded-files.js'

const TABLE = 'log_watermark'

export function readWatermark (store: Database.Database): number | undefined {
  const exists = store.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE) !== undefined
  if (!exists) return undefined
  return store.prepare(`SELECT seq FROM ${TABLE} WHERE id = 1`).pluck().get() as number | undefined
}

export function writeWatermark (store: Database.Database, seq: number): void {
  store.exec(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, at INTEGER ` +
    `NOT NULL)`
  )
  store.prepare(
    `INSERT INTO ${TABLE} (id, seq, at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, at = ` +
    `excluded.at`
  )
    .run(seq, Date.now())
}

export function clearWatermark (store: Database.Database): void {
  store.exec(`DROP TABLE IF EXISTS ${TABLE}`)
}

/** Records the log's current end in the store; nothing when either file does not exist yet. */
export function recordWatermark (files: EmbeddedFiles): void {
  if (files.eventLog === undefined || files.store === undefined) return
  const end = withFile(files.eventLog, logEnd)
  if (end === undefined) return
  withFile(files.store, db => writeWatermark(db, end))
}

/** Records the watermark now, every `intervalMs` and once more at stop (the hub's lifetime). */
export function startWatermarkRecorder (files: EmbeddedFiles, intervalMs: number, onError: (err: unknown) => void): {
  stop: () => void
} {
  const record = (): void => { try { recordWatermark(files) } catch (err) { onError(err) } }
  record()
  const timer = setInterval(record, intervalMs)
  timer.unref()
  return { stop: () => { clearInterval(timer); record() } }
}
