// The five built-in connectors and the normalizer on the embedded adapters.
import t from 'tap'
import { join } from 'node:path'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { builtInPipelineScenario } from './pipeline.scenario.js'

t.test('a 200-citizen city through five connectors and the normalizer (embedded adapters)', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  t.teardown(async () => { await eventLog.close(); await store.close() })
  await builtInPipelineScenario(t, { eventLog, store })
})
