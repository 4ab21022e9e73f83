// The timing wrapper must keep every call of the event log it wraps, the optional ones included:
// the supervisor reads a consumer's lag through it (readiness, issue 12), and a dropped groupLag
// left a restarted, idle consumer "failing" with an unknown lag for good.
import t from 'tap'
import { timedEventLog } from '../../../infra/observability/timed-event-log.js'
import { createHubMetrics } from '../../../infra/observability/metrics.js'
import type { EventLog } from '../../../infra/ports/event-log.js'

const inner: EventLog = {
  kind: 'embedded',
  publish: async () => {},
  subscribe: async () => ({ stop: async () => {}, state: () => 'running' }),
  lastOffsets: async () => [],
  groupLag: async (group, topics) => group === 'merger' ? topics.length * 7 : 0,
  ping: async () => {},
  close: async () => {}
}

t.test('groupLag is passed through', async t => {
  const timed = timedEventLog(inner, createHubMetrics())
  t.type(timed.groupLag, 'function')
  t.equal(await timed.groupLag?.('merger', ['a', 'b']), 14)
})

t.test('a log without groupLag stays without it', async t => {
  const { groupLag: _dropped, ...bare } = inner
  t.equal(timedEventLog(bare, createHubMetrics()).groupLag, undefined)
})
