// The targets of issue 13 ("the read path, measured"), computed from the scenarios of one run. Each
// compares a route with its floor route (floor-routes.ts) on the same app, over the same HTTP, at
// the same concurrency, so what the ratio shows is what the route adds on top of the least a
// read can do, not the cost of HTTP itself:
// - a lookup's throughput is at least 85 % of the audited floor route's (floor-get-audit);
// - the audited floor's throughput is at least 90 % of the unaudited floor's (what the audit costs);
// - prefill p99 is at most 1.5 times the p99 of its audited floor (floor-prefill-reads-audit), at
//   c1 and at c16.
// These replace the earlier targets, which compared HTTP routes with an in-process store read.
import type { LatencySummary } from './latency.js'

export interface ScenarioResult extends LatencySummary { name: string, kind: string, concurrency: number,
  [extra: string]: unknown }

export interface TargetResult {
  target: string
  /** The route's figure (req/s, or p99 ms) and the figure of what it is held against. */
  measured: number
  against: string
  againstMeasured: number
  /** measured / againstMeasured. */
  ratio: number
  limit: string
  pass: boolean
  shortBy?: string
}

export const LOOKUP_SHARE_OF_AUDITED_FLOOR = 0.85
export const AUDITED_SHARE_OF_FLOOR = 0.9
export const PREFILL_P99_OVER_AUDITED_FLOOR = 1.5

const r3 = (n: number): number => Math.round(n * 1000) / 1000
const points = (short: number): string => `${Math.round(short * 1000) / 10} points`

function share (target: string, route: ScenarioResult, floor: ScenarioResult, minimum: number): TargetResult {
  const ratio = route.perSecond / floor.perSecond
  const pass = ratio >= minimum
  const missing = Math.round(floor.perSecond * minimum - route.perSecond)
  return {
    target,
    measured: route.perSecond,
    against: floor.name,
    againstMeasured: floor.perSecond,
    ratio: r3(ratio),
    limit: `>= ${minimum}`,
    pass,
    ...(pass ? {} : { shortBy: `${points(minimum - ratio)} (${missing} req/s)` })
  }
}

export function evaluateTargets (results: ScenarioResult[]): TargetResult[] {
  const find = (kind: string, concurrency: number): ScenarioResult | undefined =>
    results.find(r => r.kind === kind && r.concurrency === concurrency)
  const out: TargetResult[] = []
  for (const lookup of results.filter(r => r.kind === 'lookup')) {
    const floor = find('floor-lookup-audit', lookup.concurrency)
    if (floor === undefined) continue
    const target = `${lookup.name}: throughput >= ${LOOKUP_SHARE_OF_AUDITED_FLOOR} x the audited floor`
    out.push(share(target, lookup, floor, LOOKUP_SHARE_OF_AUDITED_FLOOR))
  }
  for (const audited of results.filter(r => r.kind === 'floor-lookup-audit')) {
    const floor = find('floor-lookup', audited.concurrency)
    if (floor === undefined) continue
    const target = `${audited.name}: throughput >= ${AUDITED_SHARE_OF_FLOOR} x the unaudited floor`
    out.push(share(target, audited, floor, AUDITED_SHARE_OF_FLOOR))
  }
  for (const prefill of results.filter(r => r.kind === 'prefill')) {
    const floor = find('floor-prefill-audit', prefill.concurrency)
    if (floor === undefined) continue
    const ratio = prefill.p99Ms / floor.p99Ms
    const pass = ratio <= PREFILL_P99_OVER_AUDITED_FLOOR
    out.push({
      target: `${prefill.name}: p99 <= ${PREFILL_P99_OVER_AUDITED_FLOOR} x the p99 of its audited floor`,
      measured: prefill.p99Ms,
      against: floor.name,
      againstMeasured: floor.p99Ms,
      ratio: r3(ratio),
      limit: `<= ${PREFILL_P99_OVER_AUDITED_FLOOR}`,
      pass,
      ...(pass ? {} : { shortBy: `${r3(prefill.p99Ms - floor.p99Ms * PREFILL_P99_OVER_AUDITED_FLOOR)} ms over` })
    })
  }
  return out
}
