// SQLite's errors name no file ("database disk image is malformed", "unable to open database
// file"). The embedded adapters put the file and the setting that chose it in front, so an
// operator knows where to look. The error keeps its class and code (SQLITE_CORRUPT, …).
import Database from 'better-sqlite3'

const NAMED = Symbol('file named')

/** Puts `<file> (<setting>): ` in front of a SQLite error's message, once. Other errors pass as they are. */
export function nameFile (err: unknown, file: string, setting: string): unknown {
  if (!(err instanceof Database.SqliteError)) return err
  const e = err as Error & { [NAMED]?: true }
  if (e[NAMED] !== true) {
    e.message = `${file} (set by ${setting}): ${e.message}`
    e[NAMED] = true
  }
  return e
}

/** How long opening a file may wait out a lock held by another process's opening (start-up only). */
const BUSY_BOUND_MS = 10000
const BUSY_PAUSE_MS = 50

const isBusy = (err: unknown): boolean =>
  err instanceof Database.SqliteError && (err as Error & { code: string }).code.startsWith('SQLITE_BUSY')

/** Blocks the thread for `ms`: only while opening at start-up, before anything else runs. */
const pause = (ms: number): void => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) }

/**
 * Opens a SQLite file and runs `setup` on it (which must be idempotent); any failure names the file.
 * Roles started together open the same new file at once: the switch to WAL upgrades a lock, and two
 * connections upgrading together deadlock, which SQLite answers with SQLITE_BUSY at once, without
 * its busy timeout. The loser closes, pauses and opens again, within a bound.
 */
export function openSqliteFile (file: string, setting: string, setup: (db: Database.Database) => void,
  { busyBoundMs = BUSY_BOUND_MS }: { busyBoundMs?: number } = {}): Database.Database {
  const deadline = Date.now() + busyBoundMs
  for (;;) {
    let db: Database.Database | undefined
    try {
      db = new Database(file)
      setup(db)
      return db
    } catch (err) {
      db?.close()
      if (isBusy(err) && Date.now() < deadline) { pause(BUSY_PAUSE_MS); continue }
      throw nameFile(err, file, setting)
    }
  }
}

/** The same adapter, each of whose methods names the file in the SQLite errors it throws. */
export function namingFileInErrors<T extends object> (adapter: T, file: string, setting: string): T {
  const wrapped: Record<string, unknown> = { ...(adapter as Record<string, unknown>) }
  for (const [name, value] of Object.entries(adapter)) {
    if (typeof value !== 'function') continue
    const method = value as (...args: unknown[]) => unknown
    wrapped[name] = (...args: unknown[]): unknown => {
      try {
        const result = method.apply(adapter, args)
        return result instanceof Promise ? result.catch(err => { throw nameFile(err, file, setting) }) : result
      } catch (err) { throw nameFile(err, file, setting) }
    }
  }
  return wrapped as T
}
