// A registered source that answers 500, garbage, a page without records, too slowly, a redirect to
// a private address (another origin: refused before any lookup), or not at all: the run fails, the
// status says why, the cursor stays where it was, nothing crashes; when the source heals the next
// run carries on from the cursor.
import t from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { createSsrfGuard } from '../../../connectors/ssrf/ssrf-guard.js'
import { createRegisteredRunner } from '../../../connectors/host/registered-runner.js'
import type { Registration } from '../../../connectors/registry/registration.js'
import { readTopic } from './fixture.js'
import { startWelfareSource, welfareRecord, welfareRegistration, type Misbehaviour } from './welfare-source.js'

t.test('a misbehaving source never loses the cursor and the status says what is wrong', async t => {
  const dir = t.testdir({})
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const source = await startWelfareSource([welfareRecord(1), welfareRecord(2), welfareRecord(3), welfareRecord(4)])
  const guard = createSsrfGuard({ allow: ['127.0.0.1/32'] })
  t.teardown(async () => { await source.close(); await guard.close(); await eventLog.close(); await store.close() })
  const registration = welfareRegistration(source.url) as Registration
  registration.source = { ...registration.source as NonNullable<Registration['source']>, timeoutMs: 300 }
  const runner = createRegisteredRunner(registration, { eventLog, store, logger: pino({ level: 'silent' }), guard,
    defaultTimeoutMs: 1000 })
  const cursor = async (): Promise<unknown> => await store.getCursor('tro-cap-xa-hoi', 'beneficiaries')

  await runner.runOnce()
  t.equal(runner.status().lastError, undefined)
  t.equal(runner.status().published, 4, 'two pages of the snapshot')
  const saved = await cursor()
  t.match(saved, { snapshotDone: true, cursor: { afterKey: 'BTXH-0004' } })
  t.equal(runner.status().lastSuccessAt !== undefined, true)

  source.upsert(welfareRecord(5))
  const cases: Array<[Misbehaviour, string]> = [['500', 'LT_ERR_SOURCE_5XX'], ['garbage', 'LT_ERR_SOURCE_GARBAGE'],
    ['no-records', 'LT_ERR_SOURCE_PAGE'], ['slow', 'LT_ERR_SOURCE_UNREACHABLE'], ['redirect', 'LT_ERR_SOURCE_REDIRECT']]
  for (const [mode, code] of cases) {
    source.misbehave(mode, 'http://10.20.30.40/internal')
    await runner.runOnce()
    t.equal(runner.status().lastError?.code, code, `${mode}: ${code}`)
    t.same(await cursor(), saved, `${mode}: cursor kept`)
  }
  t.equal(runner.status().published, 4, 'nothing published while the source misbehaved')

  source.misbehave('none')
  await runner.runOnce()
  t.equal(runner.status().lastError, undefined, 'healed: the error clears')
  t.equal(runner.status().published, 5)
  t.match(await cursor(), { cursor: { afterKey: 'BTXH-0005' } })
  const events = await readTopic(eventLog, 'source.tro-cap-xa-hoi', 5)
  t.same(events.map(e => e.value.sourcekey), ['BTXH-0001', 'BTXH-0002', 'BTXH-0003', 'BTXH-0004', 'BTXH-0005'],
    'nothing lost, nothing repeated')
  t.same(events.map(e => e.value.op), ['r', 'r', 'r', 'r', 'u'])

  await source.close()
  await runner.runOnce()
  t.equal(runner.status().lastError?.code, 'LT_ERR_SOURCE_UNREACHABLE', 'a source that is down')
  await runner.stop()
})
