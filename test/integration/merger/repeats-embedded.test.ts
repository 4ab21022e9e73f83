// Repeats leave no trace, on the embedded adapters (the scenario: repeats.scenario.ts).
import t from 'tap'
import { join } from 'node:path'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { repeatsScenario } from './repeats.scenario.js'

t.test('a source sent again (same events, later ingest) leaves the store byte-identical (embedded)', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  t.teardown(async () => { await eventLog.close(); await store.close() })
  await repeatsScenario(t, { eventLog, store })
})
