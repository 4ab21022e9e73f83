// The Grafana dashboard, the alert rules and docs/operations.md name only metrics the hub exposes,
// and every lt_ metric the hub exposes is on the dashboard and documented: none of the three can
// drift from infra/observability/ unnoticed.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { createHubMetrics } from '../../../infra/observability/metrics.js'
import { registerScrapeGauges } from '../../../infra/observability/scrape-gauges.js'

const read = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')
const metrics = createHubMetrics()
registerScrapeGauges(metrics, {})
const exposed = new Set(metrics.registry.getMetricsAsArray().map(m => m.name))
const ours = [...exposed].filter(n => n.startsWith('lt_'))
/** lt_ and process metric names a text mentions, histogram series folded into their metric. */
const named = (text: string): Set<string> =>
  new Set([...text.matchAll(/\b(lt_[a-z_]+|process_[a-z_]+|nodejs_[a-z0-9_]+)\b/g)].map(m =>
    m[1].replace(/_(bucket|count|sum)$/, '')))

const dashboard = read('infra/observability/grafana-dashboard.json')
t.doesNotThrow(() => JSON.parse(dashboard), 'the dashboard is JSON')
for (const [file, text] of [['grafana-dashboard.json', dashboard],
  ['alerts.yml', read('infra/observability/alerts.yml')], ['docs/operations.md', read('docs/operations.md')]]) {
  for (const name of named(text)) t.ok(exposed.has(name), `${file} names ${name}, which the hub exposes`)
}
const onDashboard = named(dashboard)
const documented = named(read('docs/operations.md'))
for (const name of ours) {
  t.ok(onDashboard.has(name), `${name} is on the dashboard`)
  t.ok(documented.has(name), `${name} is in docs/operations.md`)
}
