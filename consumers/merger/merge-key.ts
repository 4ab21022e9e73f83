// Applies one key's events, in log order, to its golden record. Every event that changes the
// merge state makes one new version and one history entry holding that event, so versions and
// history do not depend on how the log was cut into batches (a rebuild reproduces them). Events
// that change nothing (duplicates, redeliveries, values older than what is held) leave no trace.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import type { StoredDoc } from '../../infra/ports/store.js'
import {
  isGoldenRecord,
  type AppliedVersion,
  type GoldenRecord,
  type HistoryDoc,
  type SourceState,
  type StoredView
} from '../../records/golden-record.js'
import { foldEvent, type MergeEvent } from './fold.js'
import { deriveRecord, type ConflictDetail } from './derive.js'
import { maxIso } from './stamp.js'
import { decodeState, encodeState } from '../../records/state-codec.js'
import { historyEntry, SNAPSHOT_EVERY } from '../../records/merge/history-fold.js'
import { viewAt } from '../../records/merge/record-view.js'
import type { SurvivorshipRules } from './survivorship.js'
import type { Resolution } from '../../records/steward.js'

/** A change in one field's conflict after one version: open with these values, or none. */
export interface ConflictStep {
  field: string
  detail: ConflictDetail | undefined
  /** A steward's decision that settles the field, when one does. */
  resolution?: Resolution
  validFrom: string
  recordVersion: number
}

export interface KeyOutcome {
  doc: GoldenRecord
  history: HistoryDoc[]
  /** Each new version's view, for the change feed. */
  versions: AppliedVersion[]
  conflictSteps: ConflictStep[]
}

export function mergeKey (
  entity: CanonicalEntity,
  entityId: string,
  current: StoredDoc | undefined,
  events: MergeEvent[],
  rules: SurvivorshipRules,
  appliedAt: string
): KeyOutcome | undefined {
  // A document another writer shaped (the pre-merger person consumer) is taken over: its version
  // continues, its content is rebuilt from the canonical events.
  const golden = isGoldenRecord(current) ? current : undefined
  let state: Record<string, SourceState> = golden !== undefined ? decodeState(golden.state) : {}
  let version = current?.version ?? 0
  let validFrom = golden?.validFrom ?? ''
  let view: StoredView | undefined
  // A record whose history holds view snapshots (or no history at all, taken over) gets the merge
  // state in its first event entry, so asOf can fold from there.
  let needsStart = version > 0 && golden?.historyForm !== 'events'
  // Conflict values before the batch, derived again from the stored state (the record keeps flags only).
  const before = golden !== undefined ? deriveRecord(entity, state, rules) : undefined
  let details: Record<string, ConflictDetail> = before?.conflictDetails ?? {}
  let resolutions: Record<string, Resolution> = before?.resolutions ?? {}
  const history: HistoryDoc[] = []
  const versions: AppliedVersion[] = []
  const conflictSteps: ConflictStep[] = []

  for (const event of events) {
    const next = foldEvent(state, event)
    if (next === state) continue
    state = next
    version += 1
    validFrom = maxIso(validFrom, event.ingestTime)
    const at = viewAt(entity, entityId, state, rules, { version, validFrom })
    view = at.view
    const derived = at.derived
    const withState = needsStart || version % SNAPSHOT_EVERY === 0
    needsStart = false
    history.push(
      historyEntry(entity, entityId, { version, validFrom, appliedAt, event, ...(withState ? { state } : {}) })
    )
    versions.push({ eventId: event.id, record: view })
    const fields = new Set(
      [details, derived.conflictDetails, resolutions, derived.resolutions].flatMap(m => Object.keys(m))
    )
    for (const field of fields) {
      const after = derived.conflictDetails[field]
      const resolution = derived.resolutions[field]
      if (canonicalJson([details[field], resolutions[field]]) !== canonicalJson([after, resolution])) {
        const settled = resolution !== undefined ? { resolution } : {}
        conflictSteps.push({ field, detail: after, validFrom, recordVersion: version, ...settled })
      }
    }
    details = derived.conflictDetails
    resolutions = derived.resolutions
  }
  // The record keeps the last version's view and the state it came from, encoded once for the batch.
  return view === undefined
    ? undefined
    : {
      doc: { _id: entityId, ...view, state: encodeState(state), appliedAt, historyForm: 'events' },
      history,
      versions,
      conflictSteps
    }
}
