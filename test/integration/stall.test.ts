// A consumer that says it consumes but does not (issue 12.2): on the embedded adapters, the merger's
// store write hangs without failing, so its batch never ends and the group's position never moves.
// Readiness must turn 503 naming it `stalled` with its group, lag and since when; the supervisor
// restarts it, and once the new subscription merges the records, readiness is 200 again.
import t from 'tap'
import { join } from 'node:path'
import Fastify from 'fastify'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import type { Store } from '../../infra/ports/store.js'
import { superviseConsumer, checkConsumers, type SupervisedConsumer,
  type RestartReason } from '../../consumers/supervisor.js'
import { startMerger, MERGER_GROUP } from '../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../consumers/merger/survivorship.js'
import { canonicalTopic } from '../../schemas/canonical-event.js'
import { healthRoutes } from '../../gateway/routes/health.js'
import { waitFor } from '../helpers/wait-for.js'
import { canonicalEvent } from '../unit/merger/fixtures.js'

const logger = pino({ level: 'silent' })

async function readinessOf (consumers: SupervisedConsumer[]): Promise<{ status: number,
  body: { status: string, checks: Record<string, string> } }> {
  const app = Fastify()
  await app.register(healthRoutes([{ name: 'consumers', check: async () => await checkConsumers(consumers) }], 5000))
  const r = await app.inject({ method: 'GET', url: '/health/ready' })
  await app.close()
  return { status: r.statusCode, body: r.json() }
}

t.test('a merger whose batch hangs is reported stalled, restarted, and ready again once it merged', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const real = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  // While `hang` holds, every write waits forever without failing: no error, no retry, no commit.
  let hang = true
  const hung: Array<(err: Error) => void> = []
  let hungEnded = 0
  const store: Store = {
    ...real,
    bulkUpsert: async (name, writes) => {
      if (hang) {
        await new Promise<void>((_resolve, reject) => { hung.push(reject) }).finally(() => { hungEnded++ })
      }
      return await real.bulkUpsert(name, writes)
    }
  }
  const restartsFor: RestartReason[] = []
  const merger = await superviseConsumer({
    name: MERGER_GROUP,
    eventLog,
    logger,
    restartMinMs: 20,
    restartMaxMs: 200,
    stallMs: 1000,
    onRestart: reason => { restartsFor.push(reason) },
    start: async log => await startMerger({ eventLog: log, store, logger, rules: loadSurvivorship(),
      batchSize: 10, maxAttempts: 2 })
  })
  t.teardown(async () => {
    await merger.stop()
    // The subscriptions left behind end once their hung batch fails (uncommitted, nothing lost).
    for (const reject of hung) reject(new Error('test over'))
    await eventLog.close()
    await real.close()
  })
  const ids = ['092212000201', '092212000202', '092212000203']
  for (const id of ids) {
    const e = canonicalEvent({ entityId: id, system: 'ho-tich', at: 1,
      fields: { personalId: id, fullName: 'Lê Văn Hùng' } })
    await eventLog.publish(canonicalTopic('person'), [{ key: id, value: JSON.stringify(e) }])
  }

  await waitFor(() => hung.length > 0, { what: 'the merger\'s write to hang', timeoutMs: 60000 })
  const down = await waitFor(async () => {
    const r = await readinessOf([merger])
    return r.status === 503 ? r : undefined
  }, { what: 'readiness to report the stall', timeoutMs: 60000 })
  t.match(down.body.checks.consumers,
    new RegExp(`^down: ${MERGER_GROUP} stalled \\(group ${MERGER_GROUP}, lag 3, no progress since ` +
      `\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, restarts \\d+\\)$`))
  t.equal(merger.health().condition, 'stalled')
  t.type(merger.health().stalledSince, 'number')

  hang = false
  await waitFor(async () => (await real.getMany('persons', ids)).size === ids.length,
    { what: 'the records merged after a restart', timeoutMs: 60000 })
  await waitFor(async () => (await readinessOf([merger])).status === 200, { what: 'ready again', timeoutMs: 60000 })
  t.equal(merger.health().condition, 'consuming')
  t.ok(merger.health().restarts >= 1, 'counted in its restarts')
  t.ok(restartsFor.length >= 1 && restartsFor.every(r => r === 'stalled'),
    'restarted because of the stall, not a crash')
  t.equal(await merger.lag(), 0)

  // The subscriptions left behind fail their hung batch late: that is theirs, not the new one's.
  for (const reject of hung.splice(0)) reject(new Error('store write failed late'))
  await waitFor(() => hungEnded >= 1, { what: 'the hung writes to end', timeoutMs: 60000 })
  await new Promise(resolve => setImmediate(resolve))
  t.equal(merger.health().condition, 'consuming', 'a late failure of a left-behind batch is not the consumer\'s')
  t.equal((await readinessOf([merger])).status, 200)
})

const WINDOW_MS = 2000

t.test('a consumer slower than the window but finishing batches is not stalled', async t => {
  const eventLog = openEmbeddedEventLog({ file: join(t.testdir({}), 'log.sqlite') })
  const seen: string[] = []
  const restartsFor: RestartReason[] = []
  let release: (() => void) | undefined
  const consumer = await superviseConsumer({
    name: 'slow',
    eventLog,
    logger,
    restartMinMs: 20,
    restartMaxMs: 200,
    // Each batch is held 60 % of the window below; the other 40 % (800 ms) is the room for the next batch's
    // delivery and this test's polling. With a 400 ms window that room was 150 ms, which a loaded machine's
    // event-loop delays could eat, reporting a stall that was only the test's own slowness.
    stallMs: WINDOW_MS,
    onRestart: reason => { restartsFor.push(reason) },
    start: async log => await log.subscribe({
      group: 'slow-group',
      topics: ['in'],
      maxBatchSize: 1,
      // Each batch ends when the test lets it: the pace is set below, not by a timer here.
      handler: async messages => {
        await new Promise<void>(resolve => { release = resolve })
        seen.push(...messages.map(m => m.value))
      }
    })
  })
  t.teardown(async () => { release?.(); await consumer.stop(); await eventLog.close() })
  await eventLog.publish('in', ['1', '2', '3', '4', '5', '6'].map(v => ({ key: v, value: v })))
  // Let one batch finish at a time, each after more than half a window: the group always waits,
  // yet each window sees progress, so readiness stays 200 and nothing is restarted.
  for (let n = 1; n <= 6; n++) {
    await waitFor(() => release, { what: `batch ${n} in hand`, timeoutMs: 60000 })
    const started = Date.now()
    await waitFor(() => Date.now() - started >= 0.6 * WINDOW_MS, { what: 'part of a window', timeoutMs: 60000 })
    const ready = await readinessOf([consumer])
    t.equal(ready.status, 200, `ready while batch ${n} is slow`)
    const r = release
    release = undefined
    r?.()
    await waitFor(() => seen.length === n, { what: `batch ${n} done`, timeoutMs: 60000 })
  }
  t.same(restartsFor, [], 'never restarted')
  t.same(seen, ['1', '2', '3', '4', '5', '6'])
})
