// Kafka stopped for about 30 s during a load (issue 12, the fault matrix's broker stop and start), on
// Kafka + FerretDB: connectors' publishes and consumers' fetches fail, readiness says 503 naming the
// event log meanwhile (and never 200 while the merger is restarting), and once the broker is back
// every role reconnects by itself: the whole city reaches the golden records, the merger's lag reads
// 0 and readiness says ready, without a restart. Stops and starts Kafka: run it alone, with
// LT_ENGINES_DIR (and LT_KAFKA_PORT, LT_KAFKA_CONTROLLER_PORT) set as when that Kafka was started
// (infra/engines/README.md); LT_TEST_HUB_LOG=<file> keeps the hub's log.
// It hung once on a stopped consumer that kafkajs restarted by itself (infra/event-log/kafka-revival-guard.ts):
// the revived member held partitions unread, so the merger's lag stayed put and the process never exited.
import t from 'tap'
import { MERGER_GROUP, canonicalTopics } from '../../../consumers/merger/merger.js'
import { waitFor } from '../../helpers/wait-for.js'
import { engine, startLoadedHub } from './outage-hub.js'

t.setTimeout(900000)
const CITIZENS = 300

t.test('the hub survives a 30 s broker outage and readiness tells the truth', async t => {
  const { hub, merger, ready, persons, logDigest } = await startLoadedHub(t, CITIZENS, 'kafka')

  // The load is under way: some golden records written, more events still to come.
  await waitFor(async () => await persons() > 0, { timeoutMs: 300000, intervalMs: 500,
    what: 'the first golden records' })
  await engine('kafka', 'down')
  const lies: string[] = []
  let notReady = 0
  let sawEventLogDown = false
  const until = Date.now() + 30000
  while (Date.now() < until) {
    const r = await ready()
    if (r.status === 200 && merger.health().condition === 'restarting') lies.push(JSON.stringify(merger.health()))
    if (r.status === 503) notReady++
    if ((r.checks.eventLog ?? 'up') !== 'up') sawEventLogDown = true
    await new Promise(resolve => setTimeout(resolve, 1000))
  }
  t.ok(notReady > 0, 'readiness said 503 during the outage')
  t.ok(sawEventLogDown, 'and named the event log as down')
  await engine('kafka', 'up')

  // Recovered without a human: the connectors published what they could not (their cursors wait for
  // a successful publish), every golden record is written, the merger is at the log's end, ready.
  await waitFor(async () => await persons().catch(() => 0) === CITIZENS,
    { timeoutMs: 300000, intervalMs: 1000, what: 'every golden record written' })
  await waitFor(async () => await merger.lag().catch(() => undefined) === 0,
    { timeoutMs: 300000, intervalMs: 1000, what: 'no merger lag' })
  // A timeout names the checks that still failed: "not ready" alone says nothing about which role.
  let lastChecks: Record<string, string> = {}
  await waitFor(async () => {
    const r = await ready()
    lastChecks = r.checks
    return r.status === 200
  }, { timeoutMs: 120000, intervalMs: 1000, what: 'ready again' }).catch((err: Error) => {
    throw new Error(`${err.message}; last checks: ${JSON.stringify(lastChecks)}; hub log: ${logDigest()}`)
  })
  t.equal(await hub.eventLog.groupLag?.(MERGER_GROUP, canonicalTopics()), 0, 'the merger caught up after the outage')
  t.equal((await ready()).status, 200, 'and readiness says ready')
  t.same(lies, [], 'readiness never said ready while the merger was restarting')
})
