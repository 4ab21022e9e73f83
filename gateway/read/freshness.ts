// Freshness of a record's sources as a response tells it: lag and age in seconds, at answer time.
import type { SourceFreshness } from '../../records/golden-record.js'

export interface FreshnessView extends SourceFreshness {
  /** Seconds from the source's change to the hub ingesting it. */
  lagSeconds: number
  /** Seconds since the source's newest change, at the time of the answer. */
  ageSeconds: number
}

const seconds = (from: number, to: number): number => Math.max(0, Math.round((to - from) / 1000))

/** One source's freshness at `now`. */
export function freshnessOf (s: SourceFreshness, now: Date): FreshnessView {
  const changed = Date.parse(s.sourceTime)
  return { ...s, lagSeconds: seconds(changed, Date.parse(s.ingestTime)), ageSeconds: seconds(changed, now.getTime()) }
}
