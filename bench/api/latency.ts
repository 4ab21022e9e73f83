// Latency samples of one scenario and what the report says about them.
export interface LatencySummary {
  requests: number
  errors: number
  seconds: number
  perSecond: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
}

export class LatencyRecorder {
  private samples = new Float64Array(1 << 16)
  private count = 0
  errors = 0

  record (ms: number): void {
    if (this.count === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2)
      bigger.set(this.samples)
      this.samples = bigger
    }
    this.samples[this.count++] = ms
  }

  summary (seconds: number): LatencySummary {
    const sorted = this.samples.slice(0, this.count).sort()
    const at = (q: number): number => sorted.length === 0 ? 0
      : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
    return {
      requests: this.count,
      errors: this.errors,
      seconds: round(seconds, 2),
      perSecond: Math.round(this.count / seconds),
      p50Ms: round(at(0.5), 3),
      p90Ms: round(at(0.9), 3),
      p99Ms: round(at(0.99), 3),
      maxMs: round(sorted.length === 0 ? 0 : sorted[sorted.length - 1], 3)
    }
  }
}

export const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits

/**
 * A closed loop: `concurrency` workers each run `op` back to back, first for `warmupMs` without
 * recording, then for `durationMs`. Latency is measured around each op; an op that throws counts
 * as an error (and its time is not a sample).
 */
export async function closedLoop (op: (worker: number) => Promise<void>,
  { concurrency, durationMs, warmupMs }: { concurrency: number, durationMs: number,
  warmupMs: number }): Promise<LatencySummary> {
  const recorder = new LatencyRecorder()
  let recording = false
  let stopAt = performance.now() + warmupMs
  const run = async (worker: number): Promise<void> => {
    while (performance.now() < stopAt) {
      const started = performance.now()
      try {
        await op(worker)
        if (recording) recorder.record(performance.now() - started)
      } catch {
        if (recording) recorder.errors++
      }
    }
  }
  if (warmupMs > 0) await Promise.all(Array.from({ length: concurrency }, async (_v, i) => await run(i)))
  recording = true
  const started = performance.now()
  stopAt = started + durationMs
  await Promise.all(Array.from({ length: concurrency }, async (_v, i) => await run(i)))
  return recorder.summary((performance.now() - started) / 1000)
}
