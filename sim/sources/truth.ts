// Ground truth of the issue-19 departments: the canonical record each source record should become
// (valid against its schema in schemas/), which records were made invalid and why, where a source
// disagrees with the authoritative one, the differences of form the hub must see through, and the
// changes each department makes after the snapshot.
import type { SourceDepartmentId } from './departments.js'

export interface SourceTruthRecord {
  type: 'source-record'
  department: SourceDepartmentId
  entity: string
  // The record's key as the department writes it.
  key: string
  record: Record<string, unknown>
}

export type SourceInvalidReason = 'id-11-digits' | 'impossible-date' | 'missing-required' | 'unknown-code'
  | 'out-of-range'

export interface SourceTruthInvalid {
  type: 'source-invalid'
  department: SourceDepartmentId
  key: string
  field: string
  reason: SourceInvalidReason
}

// A source disagreeing with the one the law makes authoritative: the winner's value is the truth.
export interface SourceTruthConflict {
  type: 'source-conflict'
  department: SourceDepartmentId
  key: string
  entity: string
  entityKey: string
  field: string
  // Source system names (ho-tich, cu-tru, …) to the value each holds.
  values: Record<string, string>
  winner: string
  explanation: string
}

export interface SourceTruthVariant {
  type: 'source-variant'
  kind: 'legacy-id' | 'old-ward' | 'legacy-class'
  department: SourceDepartmentId
  key: string
  written: string
  canonical: string
}

// A later version of a record the department writes after the snapshot (its change stream).
export interface SourceTruthChange {
  type: 'source-change'
  department: SourceDepartmentId
  key: string
  at: string
  what: string
  record: Record<string, unknown>
}

export type SourceTruthEntry = SourceTruthRecord | SourceTruthInvalid | SourceTruthConflict | SourceTruthVariant
  | SourceTruthChange
