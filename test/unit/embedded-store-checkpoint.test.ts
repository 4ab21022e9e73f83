// The embedded store's WAL is checkpointed by a worker thread, never inside a commit on the event
// loop (a ~10 ms stall that tripled the gateway's p99), and stays bounded all the same. What a
// checkpoint did is read off the database file: in WAL mode only a checkpoint writes pages to it.
import t from 'tap'
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { startWalCheckpointer } from '../../infra/shared/wal-checkpointer.js'
import type { Store } from '../../infra/ports/store.js'
import { waitFor } from '../helpers/wait-for.js'

const DOC_BYTES = 2048
const NEVER = 3_600_000
const sizeOf = (path: string): number => statSync(path, { throwIfNoEntry: false })?.size ?? 0

/** Writes `count` ~2 KB documents from `from` on, `batch` to a transaction; returns the bytes of document. */
async function writeDocs (store: Store, from: number, count: number, batch = 500): Promise<number> {
  for (let i = from; i < from + count; i += batch) {
    const n = Math.min(batch, from + count - i)
    await store.bulkUpsert('access_log', Array.from({ length: n }, (_v, j) => ({
      doc: { _id: `note-${String(i + j).padStart(6, '0')}`, version: 1, text: `${i + j}:`.padEnd(DOC_BYTES, 'x') },
      expectedVersion: null
    })))
  }
  return count * DOC_BYTES
}

/**
 * The WAL header's checkpoint sequence number (SQLite file format, bytes 12-15): it goes up each
 * time a writer starts the WAL over from its beginning, which it does only once a checkpoint has
 * moved every frame back into the database.
 */
function walRestarts (file: string): number {
  const fd = openSync(`${file}-wal`, 'r')
  try {
    const header = Buffer.alloc(32)
    readSync(fd, header, 0, 32, 0)
    return header.readUInt32BE(12)
  } finally { closeSync(fd) }
}

t.test('the store\'s own connection never checkpoints, even far past 1000 pages of WAL', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  const store = openEmbeddedStore({ file, checkpoint: { intervalMs: NEVER } })
  const written = await writeDocs(store, 0, 4000)
  t.ok(sizeOf(`${file}-wal`) > written, 'the WAL holds every write (8 MB, some 2000 pages)')
  t.ok(sizeOf(file) < 64 * 1024, 'and none of it reached the database file on the main thread')

  await store.close()
  t.notOk(existsSync(`${file}-wal`),
    'closed, the worker\'s connection first: the store\'s was the last, so it checkpointed and removed the WAL')
  const reopened = openEmbeddedStore({ file })
  t.teardown(() => reopened.close())
  const ids = Array.from({ length: 4000 }, (_v, i) => `note-${String(i).padStart(6, '0')}`)
  const found = await reopened.getMany('access_log', ids)
  t.equal(found.size, 4000, 'every document is there after reopening')
  t.equal(found.get('note-003999')?.text, '3999:'.padEnd(DOC_BYTES, 'x'))
})

t.test('the worker checkpoints in the background and the WAL is reused, not grown', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  const store = openEmbeddedStore({ file, checkpoint: { intervalMs: 20 } })
  t.teardown(() => store.close())
  const walSizes: number[] = []
  let written = 0
  let ticks = 0
  for (let round = 0; round < 3; round++) {
    // One transaction a round, so the WAL can only start over between rounds.
    written += await writeDocs(store, round * 4000, 4000, 4000)
    walSizes.push(sizeOf(`${file}-wal`))
    const before = walRestarts(file)
    // Any write after the worker's checkpoint starts the WAL over; the store's connection never
    // checkpoints itself here (the WAL is far under the 64 MB bound).
    await waitFor(async () => {
      await store.saveCursor('probe', 'tick', ++ticks)
      return walRestarts(file) > before
    }, { what: `the worker's checkpoint after round ${round + 1}` })
  }
  t.ok(sizeOf(file) > written, 'the database file holds the 24 MB written: the worker moved them there')
  t.ok(walSizes[2] < walSizes[0] * 1.5,
    `the WAL stays one round long (${walSizes.join(', ')} bytes after each), not three`)
  t.equal((await store.find('access_log', { limit: 1, orderBy: { field: '_id', direction: 'desc' } }))[0]?._id,
    'note-011999')
})

t.test('with the worker behind, the store checkpoints itself once the WAL passes its bound', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  const maxWalBytes = 1024 * 1024
  const store = openEmbeddedStore({ file, checkpoint: { intervalMs: NEVER, maxWalBytes } })
  t.teardown(() => store.close())
  let largestWal = 0
  for (let i = 0; i < 4000; i += 100) {
    await writeDocs(store, i, 100, 100)
    largestWal = Math.max(largestWal, sizeOf(`${file}-wal`))
  }
  t.ok(sizeOf(file) > 4 * maxWalBytes, 'the main thread checkpointed: the database file holds most of the 8 MB')
  t.ok(largestWal < 4 * maxWalBytes, `the WAL never grew past a few times its bound (largest ${largestWal} bytes)`)
})

t.test('a worker that dies gives checkpointing back to SQLite', async t => {
  const file = join(t.testdir({}), 'raw.sqlite')
  const db = new Database(file)
  t.teardown(() => { db.close() })
  db.pragma('journal_mode = WAL')
  const checkpointer = startWalCheckpointer(db, file, { intervalMs: NEVER })
  t.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0, 'while the worker runs, commits never checkpoint')
  await checkpointer.worker.terminate()
  await waitFor(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000, { what: 'autocheckpoint restored' })
  db.exec('CREATE TABLE notes (body TEXT)')
  const insert = db.prepare('INSERT INTO notes VALUES (?)')
  for (let i = 0; i < 4000; i++) insert.run(`${i}:`.padEnd(DOC_BYTES, 'x'))
  t.ok(sizeOf(file) > 4 * 1024 * 1024, 'the worker gone, commits checkpoint again: the database file grew')
  await checkpointer.stop()
  t.pass('and stopping a dead checkpointer resolves')
})

t.test('a worker that cannot open the database ends without taking the process down', async t => {
  const file = join(t.testdir({}), 'raw.sqlite')
  const db = new Database(file)
  t.teardown(() => { db.close() })
  db.pragma('journal_mode = WAL')
  const checkpointer = startWalCheckpointer(db, join(file, 'not-there.sqlite'), { intervalMs: 20 })
  await waitFor(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000, { what: 'autocheckpoint restored' })
  t.pass('its error became an exit, answered by SQLite checkpointing again')
  await checkpointer.stop()
})

t.test('an in-memory store has no WAL and no worker, and closes at once', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  await store.bulkUpsert('access_log', [{ doc: { _id: 'a', version: 1 }, expectedVersion: null }])
  t.equal((await store.get('access_log', 'a'))?._id, 'a')
  await store.close()
})
