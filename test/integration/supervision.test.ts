// Supervision on the embedded adapters (issue 12.2): a consumer that gives up (a handler that keeps
// throwing, the real merger whose store fails) is restarted with backoff, and meanwhile readiness
// answers 503 naming the consumer and its lag; once the cause is gone it consumes again, and
// readiness says ready.
import t from 'tap'
import { join } from 'node:path'
import Fastify from 'fastify'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import type { Store } from '../../infra/ports/store.js'
import { superviseConsumer, checkConsumers, type SupervisedConsumer } from '../../consumers/supervisor.js'
import { startMerger, MERGER_GROUP } from '../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../consumers/merger/survivorship.js'
import { canonicalTopic } from '../../schemas/canonical-event.js'
import { healthRoutes } from '../../gateway/routes/health.js'
import { waitFor } from '../helpers/wait-for.js'
import { canonicalEvent } from '../unit/merger/fixtures.js'

const logger = pino({ level: 'silent' })
const fast = { restartMinMs: 20, restartMaxMs: 200 }

async function readinessOf (consumers: SupervisedConsumer[]): Promise<{ status: number,
  body: { status: string, checks: Record<string, string> } }> {
  const app = Fastify()
  await app.register(healthRoutes([{ name: 'consumers', check: async () => await checkConsumers(consumers) }], 5000))
  const r = await app.inject({ method: 'GET', url: '/health/ready' })
  await app.close()
  return { status: r.statusCode, body: r.json() }
}

t.test('a consumer whose handler keeps throwing is restarted, and readiness names it meanwhile', async t => {
  const eventLog = openEmbeddedEventLog({ file: join(t.testdir({}), 'log.sqlite') })
  let broken = true
  const seen: string[] = []
  let starts = 0
  const consumer = await superviseConsumer({
    name: 'test-consumer',
    eventLog,
    logger,
    ...fast,
    start: async log => {
      starts++
      return await log.subscribe({
        group: 'g',
        topics: ['in'],
        maxAttempts: 2,
        handler: async messages => {
          if (broken) throw new Error('handler broke')
          seen.push(...messages.map(m => m.value))
        }
      })
    }
  })
  t.teardown(async () => { await consumer.stop(); await eventLog.close() })
  await eventLog.publish('in', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }])

  await waitFor(() => starts >= 2, { what: 'a restart', timeoutMs: 60000 })
  const down = await readinessOf([consumer])
  t.equal(down.status, 503, 'not ready while it cannot consume')
  t.match(down.body.checks.consumers, /test-consumer (failing|restarting) \(lag 2\): handler broke/)

  broken = false
  await waitFor(() => seen.length === 2, { what: 'the messages consumed after a restart', timeoutMs: 60000 })
  t.same(seen, ['1', '2'], 'nothing skipped: the failed batch was delivered again')
  await waitFor(async () => (await readinessOf([consumer])).status === 200, { what: 'ready again', timeoutMs: 60000 })
  t.equal(consumer.health().condition, 'consuming')
  t.ok(consumer.health().restarts >= 1)
  t.equal(await consumer.lag(), 0)
})

t.test('the merger whose store fails is restarted, and catches up once the store is back', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const real = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  let storeDown = true
  // The store the merger sees: every write fails while storeDown, as a store outage does.
  const store: Store = {
    ...real,
    bulkUpsert: async (name, writes) => {
      if (storeDown) throw new Error('store unreachable')
      return await real.bulkUpsert(name, writes)
    }
  }
  const merger = await superviseConsumer({
    name: MERGER_GROUP,
    eventLog,
    logger,
    ...fast,
    start: async log => await startMerger({ eventLog: log, store, logger, rules: loadSurvivorship(),
      batchSize: 10, maxAttempts: 2 })
  })
  t.teardown(async () => { await merger.stop(); await eventLog.close(); await real.close() })
  const ids = ['092212000101', '092212000102', '092212000103']
  for (const id of ids) {
    const e = canonicalEvent({ entityId: id, system: 'ho-tich', at: 1,
      fields: { personalId: id, fullName: 'Trần Thị Mai' } })
    await eventLog.publish(canonicalTopic('person'), [{ key: id, value: JSON.stringify(e) }])
  }

  await waitFor(() => merger.health().restarts >= 1,
    { what: 'the merger restarted during the outage', timeoutMs: 60000 })
  const down = await readinessOf([merger])
  t.equal(down.status, 503)
  t.match(down.body.checks.consumers, /merger (failing|restarting) \(lag 3\): store unreachable/)

  storeDown = false
  await waitFor(async () => (await real.getMany('persons', ids)).size === ids.length,
    { what: 'the merger caught up', timeoutMs: 60000 })
  await waitFor(async () => (await readinessOf([merger])).status === 200, { what: 'ready again', timeoutMs: 60000 })
  t.equal(await merger.lag(), 0)
})
