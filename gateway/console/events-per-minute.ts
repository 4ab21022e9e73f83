// Events the merger applied per minute, for the overview's chart: the counter behind
// lt_merger_events_applied_total sampled every few seconds into per-minute buckets (the last 30
// minutes, in this process's memory). Started by the console plugin, stopped when the app closes.
import type { HubMetrics } from '../../infra/observability/metrics.js'

export interface MinuteCount { minute: number, events: number }
export interface EventsPerMinute { series: () => Promise<MinuteCount[]>, stop: () => void }

const KEEP_MINUTES = 30

export function sampleEventsPerMinute (
  metrics: HubMetrics | undefined, { intervalMs = 5000, clock = Date.now } = {}
): EventsPerMinute {
  // minute -> the counter's value last seen in that minute
  const lastSeen = new Map<number, number>()
  async function sample (): Promise<void> {
    if (metrics === undefined) return
    const value = (await metrics.merger.applied.get()).values[0]?.value ?? 0
    const minute = Math.floor(clock() / 60000)
    // The first reading is the baseline: what the merger applies after it counts in its minute.
    if (lastSeen.size === 0) lastSeen.set(minute - 1, value)
    lastSeen.set(minute, value)
    for (const m of lastSeen.keys()) if (m < minute - KEEP_MINUTES) lastSeen.delete(m)
  }
  const timer = metrics === undefined ? undefined : setInterval(() => { void sample() }, intervalMs)
  timer?.unref()
  void sample()
  return {
    async series () {
      await sample()
      const now = Math.floor(clock() / 60000)
      const out: MinuteCount[] = []
      let before: number | undefined
      for (let m = now - KEEP_MINUTES; m <= now; m++) {
        const v = lastSeen.get(m)
        if (m > now - KEEP_MINUTES) {
          out.push({ minute: m, events: v === undefined || before === undefined ? 0 : Math.max(0, v - before) })
        }
        if (v !== undefined) before = v
      }
      return out
    },
    stop () { if (timer !== undefined) clearInterval(timer) }
  }
}
