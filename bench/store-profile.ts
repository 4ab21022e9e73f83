// Store time per consumer message, interval by interval, from the hub's own /metrics (the timed store
// port, lt_store_call_duration_seconds, and lt_consumer_messages_total). Used by bench/store-load's
// --profile-s: a call whose time per message grows as the store fills is the super-linear one.
export interface ProfileSample {
  /** Seconds since the load started. */
  at: number
  /** Messages each consumer group committed in the interval. */
  messages: Record<string, number>
  /** Store milliseconds in the interval per `operation collection`, the largest first (top 8). */
  storeMs: Record<string, number>
  /** Store calls in the interval per `operation collection`, same keys. */
  calls: Record<string, number>
}

type Totals = Map<string, number>

/** Sums of one metric's samples by the label set `key` picks out of each line. */
function sums (text: string, metric: string, key: (labels: Record<string, string>) => string | undefined): Totals {
  const out: Totals = new Map()
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue
    const close = line.lastIndexOf('}')
    const labels =
      Object.fromEntries([...line.slice(metric.length + 1, close).matchAll(/(\w+)="([^"]*)"/g)].map(m => [m[1], m[2]]))
    const k = key(labels)
    if (k !== undefined) out.set(k, (out.get(k) ?? 0) + Number(line.slice(close + 1).trim()))
  }
  return out
}

export function storeProfiler (metricsUrl: string, started: number): () => Promise<ProfileSample> {
  let last = { messages: new Map() as Totals, ms: new Map() as Totals, calls: new Map() as Totals }
  return async () => {
    const text = await (await fetch(metricsUrl)).text()
    const byCall = (l: Record<string, string>): string => `${l.operation} ${l.collection}`.trim()
    const now = {
      messages: sums(text, 'lt_consumer_messages_total', l => l.group),
      ms: new Map([...sums(text, 'lt_store_call_duration_seconds_sum', byCall)].map(([k, v]) => [k, v * 1000])),
      calls: sums(text, 'lt_store_call_duration_seconds_count', byCall)
    }
    const delta = (a: Totals,
      b: Totals): Array<[string, number]> => [...a].map(([k, v]) => [k, Math.round(v - (b.get(k) ?? 0))])
    const top = delta(now.ms, last.ms).filter(([, v]) => v > 0).sort((x, y) => y[1] - x[1]).slice(0, 8)
    const calls = new Map(delta(now.calls, last.calls))
    const sample: ProfileSample = {
      at: Math.round((Date.now() - started) / 1000),
      messages: Object.fromEntries(delta(now.messages, last.messages)),
      storeMs: Object.fromEntries(top),
      calls: Object.fromEntries(top.map(([k]) => [k, calls.get(k) ?? 0]))
    }
    last = now
    return sample
  }
}
