// FerretDB stopped for about 30 s during a load (issue 12.2), on Kafka + FerretDB: the merger's
// batches fail, it is restarted as often as needed, readiness says 503 meanwhile (and never 200
// while the merger is not consuming), and once FerretDB is back the merger catches up and
// readiness says ready. Stops and starts FerretDB: run it alone, with LT_ENGINES_DIR (and
// LT_FERRETDB_PORT, LT_PG_PORT) set as when that FerretDB was started (infra/engines/README.md);
// LT_TEST_HUB_LOG=<file> keeps the hub's log.
import t from 'tap'
import { MERGER_GROUP, canonicalTopics } from '../../../consumers/merger/merger.js'
import { waitFor } from '../../helpers/wait-for.js'
import { engine, startLoadedHub } from './outage-hub.js'

t.setTimeout(900000)
const CITIZENS = 300

t.test('the merger survives a 30 s store outage and readiness tells the truth', async t => {
  const { hub, merger, ready, persons } = await startLoadedHub(t, CITIZENS, 'ferretdb')

  // The load is under way: some golden records written, canonical events still waiting.
  await waitFor(async () => await persons() > 0, { timeoutMs: 300000, intervalMs: 500,
    what: 'the first golden records' })
  await engine('ferretdb', 'down')
  const lies: string[] = []
  let notReady = 0
  let sawMergerDown = false
  const until = Date.now() + 30000
  while (Date.now() < until) {
    const r = await ready()
    if (r.status === 200 && merger.health().condition === 'restarting') lies.push(JSON.stringify(merger.health()))
    if (r.status === 503) notReady++
    if (/merger (failing|restarting)/.test(r.checks.consumers ?? '')) sawMergerDown = true
    await new Promise(resolve => setTimeout(resolve, 1000))
  }
  t.ok(notReady > 0, 'readiness said 503 during the outage')
  t.ok(sawMergerDown, 'and named the merger as not consuming')
  await engine('ferretdb', 'up')

  // Caught up: every golden record written, the merger's committed position at the log's end (read
  // from Kafka, as readiness reads it), and readiness 200 again. The bounds fit a loaded 2-core machine.
  // This once stayed red for 5 minutes in CI: the timing wrapper around the event log dropped
  // groupLag, so the lag was unknown and a restarted, idle merger was "failing" for good.
  await waitFor(async () => await persons().catch(() => 0) === CITIZENS,
    { timeoutMs: 300000, intervalMs: 1000, what: 'every golden record written' })
  await waitFor(async () => await merger.lag().catch(() => undefined) === 0,
    { timeoutMs: 300000, intervalMs: 1000, what: 'no merger lag' })
  await waitFor(async () => (await ready()).status === 200,
    { timeoutMs: 120000, intervalMs: 1000, what: 'ready again' })
  t.equal(await hub.eventLog.groupLag?.(MERGER_GROUP, canonicalTopics()), 0, 'the merger caught up after the outage')
  t.equal((await ready()).status, 200, 'and readiness says ready')
  t.same(lies, [], 'readiness never said ready while the merger was restarting')
})
