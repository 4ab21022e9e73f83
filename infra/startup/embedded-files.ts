// Where the embedded adapters keep their SQLite files, and small helpers to look into them without
// going through the adapters (the checks run before the adapters open, and must not create files).
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { HubConfig } from '../config/schema.js'

export interface EmbeddedFiles {
  /** event-log.sqlite when the event log is embedded (no KAFKA_BROKERS). */
  eventLog?: string
  /** store.sqlite when the store is embedded (no MONGODB_URI). */
  store?: string
}

export function embeddedFiles (config: HubConfig): EmbeddedFiles {
  return {
    eventLog: config.kafka.brokers.length === 0 ? join(config.dataDir, 'event-log.sqlite') : undefined,
    store: config.mongodb.uri === '' ? join(config.dataDir, 'store.sqlite') : undefined
  }
}

/** Runs `use` on a connection to an existing file; undefined when the file does not exist. */
export function withFile<T> (file: string, use: (db: Database.Database) => T): T | undefined {
  if (!existsSync(file)) return undefined
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    return use(db)
  } finally { db.close() }
}

export const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined

/** The highest position the log ever gave out (AUTOINCREMENT keeps it even if rows went). */
export function logEnd (db: Database.Database): number {
  if (!hasTable(db, 'messages')) return 0
  const max = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM messages').pluck().get() as number
  const seq = hasTable(db, 'sqlite_sequence')
    ? (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").pluck().get() as number | undefined) ?? 0
    : 0
  return Math.max(max, seq)
}
