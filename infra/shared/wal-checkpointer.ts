// Moves SQLite's WAL checkpoints off the event loop. Left to SQLite, the checkpoint runs inside
// whichever commit pushes the WAL past 1000 pages, on the main thread: a ~10 ms stall that tripled
// the gateway's prefill p99 (11.7 ms against 3.9 ms without it). Here the store's own connection
// never checkpoints; a worker thread with its own connection runs PASSIVE checkpoints, which
// block neither readers nor the writer.
// Every 100 ms, not every second: a PASSIVE checkpoint copies the frames that were in the WAL when
// it began, and under sustained writes a one-second pass never caught up with the frames written
// meanwhile, so the WAL could not restart, grew past maxWalBytes and the main thread checkpointed
// 64 MB itself: prefill p99 at concurrency 16 went 75 -> 32 ms with the shorter interval (bench/api,
// docs/benchmarks.md), the same as with the main-thread bound out of reach.
import type BetterSqlite3 from 'better-sqlite3'
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export interface WalCheckpointerOptions {
  /** How often the worker checkpoints. */
  intervalMs?: number
  /** WAL size past which the main thread checkpoints itself: the bound if the worker falls behind. */
  maxWalBytes?: number
}

export interface WalCheckpointer {
  /** Tells the checkpointer the main connection wrote `rows` rows; cheap, call after every write. */
  wrote: (rows: number) => void
  /** Stops the worker and closes its connection; call before closing the main connection. */
  stop: () => Promise<void>
  /** The checkpointing thread, exposed so a test can kill it the way a crash would. */
  readonly worker: Worker
}

// SQLite's own default, put back if the worker is gone.
const SQLITE_AUTOCHECKPOINT_PAGES = 1000
// A stat every so many rows: a couple of microseconds, against a 4 KB page or more per row.
const CHECK_EVERY_ROWS = 256

// Plain JavaScript, run with eval: the same string works from dist/ and from tap's TypeScript
// loader, and the worker needs no loader of its own. A checkpoint that throws ends the worker,
// which the main thread sees as an exit and answers by checkpointing itself again.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 1000')
setInterval(() => { db.pragma('wal_checkpoint(PASSIVE)') }, workerData.intervalMs)
`

/** Starts checkpointing `file`, a WAL database that `db` (the store's connection) has open. */
export function startWalCheckpointer (
  db: BetterSqlite3.Database,
  file: string,
  { intervalMs = 100, maxWalBytes = 64 * 1024 * 1024 }: WalCheckpointerOptions = {}
): WalCheckpointer {
  db.pragma('wal_autocheckpoint = 0')
  // After a checkpoint the WAL is rewritten from its start but its file keeps its largest size;
  // the limit trims it back, or the size check below would fire forever after one big burst.
  db.pragma(`journal_size_limit = ${maxWalBytes}`)

  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs }, execArgv: [] })
  worker.unref()
  let stopping = false
  let running = true
  const exited = new Promise<void>(resolve => {
    worker.once('exit', () => {
      running = false
      // A worker that died (could not load the driver, a checkpoint failed) checkpoints no more:
      // SQLite's own checkpointing comes back, stalls and all, rather than an unbounded WAL.
      if (!stopping && db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`)
      resolve()
    })
  })
  // Its error is followed by its exit, handled above; unheard, it would crash the process.
  worker.on('error', () => {})

  const wal = `${file}-wal`
  let rowsSinceCheck = 0
  return {
    worker,
    wrote (rows) {
      rowsSinceCheck += rows
      if (rowsSinceCheck < CHECK_EVERY_ROWS) return
      rowsSinceCheck = 0
      const size = statSync(wal, { throwIfNoEntry: false })?.size ?? 0
      if (size > maxWalBytes) db.pragma('wal_checkpoint(PASSIVE)')
    },
    async stop () {
      stopping = true
      // Terminating is safe mid-checkpoint: it takes effect back in JavaScript, after SQLite's
      // call, and better-sqlite3 closes a thread's connections as the thread ends. It is also
      // quick while the thread is still starting, where a message would wait ~40 ms for it.
      // Awaited so the store's connection closes last, and so checkpoints and removes the WAL.
      worker.ref()
      if (running) await worker.terminate()
      await exited
    }
  }
}
