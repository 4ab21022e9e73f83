// Freshness of a record's sources as a response tells it: lag and age in seconds, at answer time.
import type { RecordView, SourceFreshness } from '../../records/golden-record.js'

export interface FreshnessView extends SourceFreshness {
  /** Seconds from the source's change to the hub ingesting it. */
  lagSeconds: number
  /** Seconds since the source's newest change, at the time of the answer. */
  ageSeconds: number
}

export function freshness (view: RecordView, now: Date): Record<string, FreshnessView> {
  const seconds = (from: string, to: number): number => Math.max(0, Math.round((to - Date.parse(from)) / 1000))
  return Object.fromEntries(Object.entries(view.sources).map(([system, s]) => [system, {
    ...s, lagSeconds: seconds(s.sourceTime, Date.parse(s.ingestTime)), ageSeconds: seconds(s.sourceTime, now.getTime())
  }]))
}
