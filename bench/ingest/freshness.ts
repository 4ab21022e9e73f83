// Freshness after the load: the simulated city changes at a steady rate, half the raw-event rate the
// load sustained in the same run (counted in source record changes, each one raw event), while the
// connectors poll back to back (a 20 ms pause between runs: a source that pushes, at its best).
// Some changes are traced: a resident moves (the residence system rewrites the person's record),
// and the time from that source change to the first API read of the citizen whose newest source
// time has reached it is one sample. p99 over the traced changes.
import type { RunningHub } from '../../hub/start-hub.js'
import type { SimulatedCity } from '../../sim/server/city.js'
import type { CityEvent } from '../../sim/server/webhook.js'
import type { CitizenReader } from './api-reader.js'
import { round } from './emit.js'

export interface FreshnessFigures {
  rawEventsPerSecTarget: number
  rawEventsPerSecApplied: number
  seconds: number
  changes: number
  traced: number
  /** Traced changes never seen through the API within the bound (counted as missing, not as latency). */
  unseen: number
  p50Ms: number
  p99Ms: number
  maxMs: number
}

const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))
const percentile = (sorted: number[], p: number): number => sorted.length === 0 ? NaN
  : sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]

/**
 * Waits until the citizen's newest source time reaches the change's, first in the store (polled every
 * 5 ms with the API's record reader: an API read per poll would audit thousands of reads and load the
 * hub it measures), then through the API itself; the time from the source change to the API read
 * that showed it, or undefined past the bound.
 */
async function timeUntilVisible (reader: CitizenReader, personalId: string, occurredAt: number, pushedAt: number,
  boundMs: number): Promise<number | undefined> {
  const reached = (t: number | undefined): boolean => t !== undefined && t >= occurredAt
  while (Date.now() - pushedAt < boundMs && !reached(await reader.newestInStore(personalId).catch(() => undefined))) {
    await sleep(5)
  }
  while (Date.now() - pushedAt < boundMs) {
    if (reached(await reader.newestSourceTime(personalId).catch(() => undefined))) return Date.now() - pushedAt
    await sleep(5)
  }
  return undefined
}

export async function measureFreshness (hub: RunningHub, city: SimulatedCity, reader: CitizenReader,
  sustainedRawPerSec: number,
  seconds: number, tracersPerSecond: number): Promise<FreshnessFigures> {
  const target = Math.max(1, sustainedRawPerSec / 2)
  let stopped = false
  const polling = hub.connectors.map(async c => { while (!stopped) { await c.runOnce(); await sleep(20) } })
  let emitted = 0
  let captured: CityEvent[] = []
  const unsubscribe = city.onChange(e => { emitted++; captured.push(e) })
  const probes: Array<Promise<number | undefined>> = []
  let changes = 0
  const started = Date.now()
  let nextTracer = started
  try {
    while (Date.now() - started < seconds * 1000) {
      if (Date.now() >= nextTracer) {
        nextTracer += 1000 / tracersPerSecond
        captured = []
        city.applyChanges(1, 'move')
        changes++
        const move = captured.find(e => e.department === 'residence' && e.stream === 'residents')
        if (move !== undefined) {
          probes.push(timeUntilVisible(reader, move.key, Date.parse(move.occurredAt), Date.now(), 60000))
        }
      }
      // The background stream: keep the source record changes at the target rate.
      const due = target * (Date.now() - started) / 1000
      while (emitted < due) { city.applyChanges(1); changes++ }
      await sleep(10)
    }
    const elapsed = (Date.now() - started) / 1000
    const latencies = (await Promise.all(probes))
    const seen = latencies.filter((l): l is number => l !== undefined).sort((a, b) => a - b)
    return {
      rawEventsPerSecTarget: Math.round(target),
      rawEventsPerSecApplied: Math.round(emitted / elapsed),
      seconds: round(elapsed, 1),
      changes,
      traced: latencies.length,
      unseen: latencies.length - seen.length,
      p50Ms: percentile(seen, 50),
      p99Ms: percentile(seen, 99),
      maxMs: seen.at(-1) ?? NaN
    }
  } finally {
    unsubscribe()
    stopped = true
    await Promise.all(polling)
  }
}
