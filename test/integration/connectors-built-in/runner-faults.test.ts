// A source that is down, slow, answers garbage, 500 or 429 never crashes the runner and never
// loses the cursor; the status says what is wrong, and the next good run carries on from there.
import t, { type Test } from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { startSimulatedCity } from '../../../sim/server/city.js'
import { residenceConnector } from '../../../connectors/residence/connector.js'
import { civilStatusConnector } from '../../../connectors/civil-status/connector.js'
import { createPollRunner } from '../../../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { recordingLog } from '../../conformance/recording-log.js'
import { rawTopic } from '../../../connectors/contract.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'

async function setup (t: Test, connector = residenceConnector) {
  const dir = t.testdir({})
  const city = await startSimulatedCity({ citizens: 120, seed: 5,
    departments: ['civil-status', 'residence'], rates: { invalid: 0 } })
  const log = recordingLog(openEmbeddedEventLog({ file: join(dir, 'log.sqlite') }))
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const department = connector === residenceConnector ? city.departments.residence : city.departments.civilStatus
  const runner = createPollRunner({
    connector, baseUrl: department.url, pageSize: 10, timeoutMs: 300, maxAttempts: 2,
    eventLog: log, store, logger: pino({ level: 'silent' }), compile: createRawSchemaCompiler()
  })
  t.teardown(async () => { await runner.stop(); await log.close(); await store.close(); await city.close() })
  const events = (): ChangeEvent[] => log.published(rawTopic(connector.manifest.id))
    .map(m => JSON.parse(m.value) as ChangeEvent)
  return { city, department, log, store, runner, events }
}

t.test('every kind of trouble fails the run, keeps the cursor and shows in the status', async t => {
  const { department, store, runner, events } = await setup(t)
  const cursor = async (): Promise<unknown> => await store.getCursor('residence', 'residents')
  const cases = [
    { fault: { kind: '500' as const }, code: 'LT_ERR_SOURCE_5XX' },
    { fault: { kind: '429' as const, retryAfterSeconds: 0 }, code: 'LT_ERR_SOURCE_RATE_LIMITED' },
    { fault: { kind: 'garbage' as const }, code: 'LT_ERR_SOURCE_GARBAGE' },
    { fault: { kind: 'slow' as const, delayMs: 1500 }, code: 'LT_ERR_SOURCE_UNREACHABLE' },
    { fault: { kind: 'reset' as const }, code: 'LT_ERR_SOURCE_UNREACHABLE' }
  ]
  let failures = 0
  for (const c of cases) {
    department.setFault(c.fault)
    const before = await cursor()
    await t.resolves(runner.runOnce(), `${c.fault.kind}: the run does not throw`)
    const s = runner.status()
    t.equal(s.state, 'failing', `${c.fault.kind}: failing`)
    t.equal(s.lastError?.code, c.code, `${c.fault.kind}: says why`)
    t.equal(s.lastError?.stream, 'residents')
    t.equal(s.consecutiveFailures, ++failures, 'counts failures in a row')
    t.same(await cursor(), before, `${c.fault.kind}: cursor kept`)
  }
  t.equal(events().length, 0, 'nothing was published while the source misbehaved')
  department.setFault({ kind: 'none' })
  await runner.runOnce()
  const s = runner.status()
  t.equal(s.state, 'healthy')
  t.equal(s.lastError, undefined)
  t.equal(s.consecutiveFailures, 0)
  t.equal(s.streams.residents.caughtUp, true)
  t.equal(s.lagMs, 0, 'caught up: no lag')
  t.equal(s.published, department.streams.residents.size())
})

t.test('a passing fault is retried within the run', async t => {
  const { department, runner } = await setup(t)
  department.setFault({ kind: '429', retryAfterSeconds: 0, times: 1 })
  await runner.runOnce()
  t.equal(runner.status().state, 'healthy', 'one 429 is absorbed by a retry')
  t.ok(department.requests() > department.streams.residents.size() / 10, 'and every page was read')
})

t.test('a run that fails mid-way resumes from its last saved page: nothing lost, nothing twice', async t => {
  const { department, log, runner, events, store } = await setup(t, civilStatusConnector)
  // The source breaks after the third page was published.
  let publishes = 0
  const publish = log.publish.bind(log)
  log.publish = async (topic, messages) => { await publish(topic, messages); if (topic === rawTopic('civil-status')
    && ++publishes === 3) department.setFault({ kind: '500' }) }
  await runner.runOnce()
  t.equal(runner.status().lastError?.code, 'LT_ERR_SOURCE_5XX')
  const saved = await store.getCursor('civil-status', 'persons') as { cursor: { updatedSince: string } }
  t.equal(events().length, 30, 'three pages of ten published')
  t.equal(saved.cursor.updatedSince, events()[29].time, 'the cursor stands after the last published page')
  department.setFault({ kind: 'none' })
  await runner.runOnce()
  const ids = events().filter(e => e.source.endsWith('/persons')).map(e => e.id)
  t.equal(new Set(ids).size, ids.length, 'no event published twice')
  t.equal(ids.length, department.streams['cong-dan'].size(), 'every person published')
  t.equal(runner.status().streams.marriages.published, department.streams['ket-hon'].size(), 'the second stream too')
})
