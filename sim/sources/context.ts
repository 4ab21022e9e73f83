// What a department renderer gets: its own PRNG for style and one for injections, the snapshot
// time, and the two outputs (source records, ground truth). Injections are written to the truth
// as they are made, so every mess in a record is explained.
import type { Random } from '../random.js'
import type { Address } from '../city/truth.js'
import { sourceStream, type SourceDepartmentId } from './departments.js'
import type { SourceInvalidReason, SourceTruthEntry } from './truth.js'

export interface SourceRates {
  // Share of records made invalid.
  invalid: number
  // Share of records disagreeing with the authoritative source on one field.
  conflict: number
  // Share of records naming a person with a 9-digit CMND by that number only.
  legacyId: number
  // Share of ward codes written as the pre-2025 code.
  oldWard: number
  // Share of dead beneficiaries the department still pays (the signal civil status must raise).
  unreportedDeath: number
}

export const DEFAULT_SOURCE_RATES: SourceRates = { invalid: 0.01, conflict: 0.03, legacyId: 0.1, oldWard: 0.15,
  unreportedDeath: 0.4 }

export interface SourceSink {
  record: (department: SourceDepartmentId, stream: string, record: Record<string, unknown>) => void
  truth: (entry: SourceTruthEntry) => void
}

export class SourceContext {
  constructor (
    readonly department: SourceDepartmentId,
    // Style: field spellings, optional fields, times. Inject: the mess, at the configured rates.
    readonly style: Random,
    private readonly inject: Random,
    readonly rates: SourceRates,
    readonly asOf: string,
    private readonly sink: SourceSink
  ) {}

  get today (): string { return this.asOf.slice(0, 10) }

  write (record: Record<string, unknown>): void {
    this.sink.record(this.department, sourceStream(this.department).name, record)
  }

  truth (entry: SourceTruthEntry): void { this.sink.truth(entry) }

  canonical (key: string, record: Record<string, unknown>): void {
    this.sink.truth({ type: 'source-record', department: this.department, entity: sourceStream(this.department).entity,
      key, record })
  }

  chance (p: number): boolean { return this.inject.chance(p) }

  // For injections that need more than a coin: drawn from the injection PRNG, so a change of rates
  // never shifts the style draws (dates, keys) of the records that follow.
  get injection (): Random { return this.inject }

  pickInjection<T>(items: readonly T[]): T { return this.inject.pick(items) }

  // The id this record names a person by: sometimes only the old CMND, recorded as a variant.
  personRef (key: string, personalId: string, legacyId: string | undefined): { id: string, legacy: boolean } {
    if (legacyId === undefined || !this.inject.chance(this.rates.legacyId)) return { id: personalId, legacy: false }
    this.truth({ type: 'source-variant', kind: 'legacy-id', department: this.department, key, written: legacyId,
      canonical: personalId })
    return { id: legacyId, legacy: true }
  }

  // The ward code as this department writes it: sometimes still the pre-2025 one.
  wardCode (key: string, address: Address): string {
    if (address.oldWardCode === address.wardCode || !this.inject.chance(this.rates.oldWard)) return address.wardCode
    this.truth({ type: 'source-variant', kind: 'old-ward', department: this.department, key,
      written: address.oldWardCode, canonical: address.wardCode })
    return address.oldWardCode
  }

  shouldInvalidate (): boolean { return this.inject.chance(this.rates.invalid) }

  // Breaks one field of a rendered record and records how.
  invalidate (record: Record<string, unknown>, key: string,
    choices: ReadonlyArray<readonly [SourceInvalidReason, string, (r: Record<string, unknown>) => void]>): void {
    const [reason, field, breakIt] = this.inject.pick(choices)
    breakIt(record)
    this.truth({ type: 'source-invalid', department: this.department, key, field, reason })
  }
}
