// Scrape-time readings are bounded: one that hangs does not hold the scrape past its timeout; its
// gauge keeps the last value and the failure is counted. Readings are shared within their TTL.
import t from 'tap'
import { createHubMetrics } from '../../../infra/observability/metrics.js'
import { registerScrapeGauges } from '../../../infra/observability/scrape-gauges.js'
import { parseExposition, valueOf } from '../../helpers/prometheus-text.js'

t.test('a hanging reading times out, keeps the last value and is counted', async t => {
  const metrics = createHubMetrics()
  let clock = 0
  let calls = 0
  let hang = false
  registerScrapeGauges(metrics, {
    conflictsOpen: async () => {
      calls++
      return hang ? await new Promise<number>(() => {}) : 7
    }
  }, { timeoutMs: 50, ttlMs: 1000, now: () => clock })
  const scrape = async () => parseExposition(await metrics.registry.metrics())

  t.equal(valueOf(await scrape(), 'lt_conflicts_open'), 7)
  t.equal(valueOf(await scrape(), 'lt_conflicts_open'), 7)
  t.equal(calls, 1, 'a second scrape within the TTL reuses the reading')
  hang = true
  clock += 1000
  const started = Date.now()
  const e = await scrape()
  t.ok(Date.now() - started < 2000, 'the scrape answered despite the hanging reading')
  t.equal(valueOf(e, 'lt_conflicts_open'), 7, 'the gauge keeps its last value')
  // The counter is written while the readings run, so the next scrape shows it (and reuses the failed reading).
  t.equal(valueOf(await scrape(), 'lt_metrics_collector_failures_total', { collector: 'conflicts' }), 1,
    'the failure is counted')
  t.equal(calls, 2)
  t.equal(valueOf(e, 'lt_unresolved_keys'), 0, 'a reading with no source leaves its gauge at 0')
})
