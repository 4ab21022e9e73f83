// Fault 2 of the matrix: every source read again from the start, as after an operator reset the
// connectors' cursors (what `lienthong repair` does to a damaged log) or a source restarted its
// change feed. The running connectors find no cursor at their next poll and publish every record
// again; the store must not move by a byte (no version, history entry, conflict or dead letter).
import t from 'tap'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { startFaultHub, readiness, drained, sourceMessages, RECOVERY_MS } from './fault-hub.js'
import { storeHash } from './golden-hash.js'
import { waitFor } from '../helpers/wait-for.js'

// One hub of three processes on a loaded 2-core machine; nothing asserts a duration.
t.setTimeout(900000)

t.test('every source read again from an empty cursor leaves the store byte-identical', async t => {
  const dir = t.testdir({})
  const hub = await startFaultHub(dir)
  t.teardown(async () => { await hub.stopAll('SIGKILL') })
  await drained(dir, 'the first load to drain')
  const loaded = storeHash(dir, 'asStored')
  const published = sourceMessages(dir)
  t.ok(loaded.documents.history > 0 && loaded.documents.dead_letters > 0,
    `the load made versions and dead letters (${JSON.stringify(loaded.documents)})`)

  // The operator's reset, from another connection while the hub runs (as `lienthong repair` does it).
  const db = new Database(join(dir, 'store.sqlite'))
  db.pragma('busy_timeout = 10000')
  const reset = db.prepare('DELETE FROM cursors').run().changes
  db.close()
  t.ok(reset > 0, `${reset} connector cursors reset`)

  await waitFor(() => sourceMessages(dir) >= 2 * published,
    { timeoutMs: RECOVERY_MS, intervalMs: 250, what: 'every source to be published again' })
  const during = await readiness(hub.base())
  t.equal(during.status, 200, `ready while the sources are read again (${JSON.stringify(during.body?.checks)})`)
  await drained(dir, 'the re-read to drain')
  t.ok(sourceMessages(dir) >= 2 * published, `${sourceMessages(dir) - published} events published again`)
  t.same(storeHash(dir, 'asStored'), loaded, 'golden records, history, conflicts and dead letters byte-identical')
  t.equal((await readiness(hub.base())).status, 200, 'ready after')
})
