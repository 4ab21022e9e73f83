// Issue 18 on the embedded adapters: every message on every topic is a CloudEvent the official SDK accepts.
import t from 'tap'
import { join } from 'node:path'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { cloudEventsOnEveryTopicScenario } from './cloud-events.scenario.js'

t.test('every topic holds CloudEvents only (embedded adapters)', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  t.teardown(async () => { await eventLog.close(); await store.close() })
  await cloudEventsOnEveryTopicScenario(t, { eventLog, store })
})
