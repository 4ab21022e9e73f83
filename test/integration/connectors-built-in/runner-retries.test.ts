// Within one run, the poll runner tries a failed publish again only when the error is retriable
// (an event log briefly away), a bounded number of times; a non-retriable failure (a write the
// port refuses) fails the stream at once, keeps the cursor and says why in the status. Before, any
// publish failure failed the stream, whether or not a second attempt could have succeeded.
import t, { type Test } from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { EventLog } from '../../../infra/ports/event-log.js'
import { HubError } from '../../../infra/shared/hub-error.js'
import { startSimulatedCity } from '../../../sim/server/city.js'
import { residenceConnector } from '../../../connectors/residence/connector.js'
import { createPollRunner } from '../../../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { rawTopic } from '../../../connectors/contract.js'

/**
 * The residence connector against a simulated department, publishing through a log whose raw-topic publish
 * fails as told.
 */
async function setup (t: Test, failures: Error[]) {
  const dir = t.testdir({})
  const city = await startSimulatedCity({ citizens: 30, seed: 5, departments: ['residence'], rates: { invalid: 0 } })
  const inner = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  let rawPublishes = 0
  const log: EventLog = {
    ...inner,
    kind: inner.kind,
    publish: async (topic, messages) => {
      if (topic === rawTopic('residence')) {
        rawPublishes++
        const failure = failures.shift()
        if (failure !== undefined) throw failure
      }
      await inner.publish(topic, messages)
    }
  }
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const runner = createPollRunner({
    connector: residenceConnector, baseUrl: city.departments.residence.url, pageSize: 500,
      timeoutMs: 5000, maxAttempts: 3,
    eventLog: log, store, logger: pino({ level: 'silent' }), compile: createRawSchemaCompiler()
  })
  t.teardown(async () => { await runner.stop(); await inner.close(); await store.close(); await city.close() })
  return { runner, store, rawPublishes: () => rawPublishes }
}

t.test('a retriable publish failure is tried again in the same run', async t => {
  const away = new HubError('event log briefly away', { code: 'LT_ERR_EVENT_LOG_UNAVAILABLE',
    status: 503, retriable: true })
  const { runner, store, rawPublishes } = await setup(t, [away, away])
  await runner.runOnce()
  t.equal(runner.status().lastError, undefined, 'the run succeeded')
  t.ok(rawPublishes() >= 3, `the failed publish was tried again (${rawPublishes()} publishes)`)
  t.ok(await store.getCursor('residence', 'residents') !== undefined, 'the cursor moved on')
})

t.test('retriable failures stay bounded by maxAttempts', async t => {
  const away = (): Error => new HubError('event log away', { code: 'LT_ERR_EVENT_LOG_UNAVAILABLE',
    status: 503, retriable: true })
  const { runner, store, rawPublishes } = await setup(t, [away(), away(), away(), away(), away(), away()])
  await runner.runOnce()
  t.equal(rawPublishes(), 3, 'three attempts, no more')
  t.equal(runner.status().lastError?.code, 'LT_ERR_EVENT_LOG_UNAVAILABLE')
  t.equal(await store.getCursor('residence', 'residents'), undefined, 'the cursor stayed')
})

t.test('a non-retriable failure fails the stream after one attempt', async t => {
  const refused = new HubError('the write was refused', { code: 'LT_ERR_STORE_WRITE', retriable: false })
  const { runner, store, rawPublishes } = await setup(t, [refused, refused, refused])
  await runner.runOnce()
  t.equal(rawPublishes(), 1, 'tried once')
  t.equal(runner.status().lastError?.code, 'LT_ERR_STORE_WRITE', 'the status says why')
  t.equal(await store.getCursor('residence', 'residents'), undefined, 'the cursor stayed')
})
