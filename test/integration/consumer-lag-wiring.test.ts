// A hub's supervised consumers know their lag through every wrapper the wiring puts around the
// event log (issue 12). Readiness rests on it: a restarted consumer with nothing waiting counts as
// consuming only when its lag is known to be 0. When the metrics wrapper dropped groupLag, lag()
// answered undefined for every consumer, and after a FerretDB outage the merger stayed "failing"
// for good (test/engines/outages/store-outage.test.ts).
import t from 'tap'
import { pino } from 'pino'
import { loadConfig } from '../../hub/config.js'
import { startHub } from '../../hub/start-hub.js'
import type { SupervisedConsumer } from '../../consumers/supervisor.js'
import { waitFor } from '../helpers/wait-for.js'

t.setTimeout(300000)

t.test('every consumer of a hub reports a lag, and it reaches 0 once the load is merged', async t => {
  const config = loadConfig({ env: { LT_DATA_DIR: t.testdir({}), LT_SIM_CITIZENS: '20', LT_SIM_CHANGES_PER_SECOND: '0',
    LT_ROLE: 'consumers' } })
  const hub = await startHub(config, pino({ level: 'silent' }))
  t.teardown(hub.stop)
  // hub.consumers also holds the notifier's delivery workers, which follow outboxes, not topics.
  const consumers = hub.consumers.filter((c): c is SupervisedConsumer =>
    typeof (c as Partial<SupervisedConsumer>).lag === 'function')
  t.ok(consumers.length >= 2, `${consumers.length} consumers`)
  t.type(hub.eventLog.groupLag, 'function', 'the hub\'s event log still has groupLag')
  for (const c of consumers) t.type(await c.lag(), 'number', `${c.name} knows its lag`)
  await waitFor(async () => (await Promise.all(consumers.map(async c => await c.lag()))).every(l => l === 0),
    { timeoutMs: 120000, intervalMs: 250, what: 'every consumer at lag 0' })
})
