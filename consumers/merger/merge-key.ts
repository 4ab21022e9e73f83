// Applies one key's events, in log order, to its golden record. Every event that changes the
// merge state makes one new version with its own history snapshot, so versions and history do
// not depend on how the log was cut into batches (a rebuild reproduces them). Events that change
// nothing (duplicates, redeliveries, values older than what is held) leave no trace.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import type { StoredDoc } from '../../infra/ports/store.js'
import { historyId, isGoldenRecord, recordKey, type GoldenRecord, type HistoryDoc, type SourceState, type StoredView } from '../../records/golden-record.js'
import { foldEvent, type MergeEvent } from './fold.js'
import { deriveRecord, type ConflictDetail } from './derive.js'
import { maxIso } from './stamp.js'
import { decodeState, encodeState } from '../../records/state-codec.js'
import { encodeProvenance } from '../../records/provenance-codec.js'
import type { SurvivorshipRules } from './survivorship.js'

/** A change in one field's conflict after one version: open with these values, or none. */
export interface ConflictStep {
  field: string
  detail: ConflictDetail | undefined
  validFrom: string
  recordVersion: number
}

export interface KeyOutcome {
  doc: GoldenRecord
  history: HistoryDoc[]
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
  // Conflict values before the batch, derived again from the stored state (the record keeps flags only).
  let details: Record<string, ConflictDetail> = golden !== undefined ? deriveRecord(entity, state, rules).conflictDetails : {}
  const history: HistoryDoc[] = []
  const conflictSteps: ConflictStep[] = []

  for (const event of events) {
    const next = foldEvent(state, event)
    if (next === state) continue
    state = next
    version += 1
    validFrom = maxIso(validFrom, event.ingestTime)
    const derived = deriveRecord(entity, state, rules, entityId)
    view = {
      entity, entityId, version, deleted: derived.deleted, fields: derived.fields, provenance: encodeProvenance(derived.provenance),
      conflicts: derived.conflicts, sources: derived.sources, links: derived.links, validFrom,
      ...(derived.warnings.length > 0 ? { warnings: derived.warnings } : {})
    }
    // Built from fresh objects with no undefined members, so no JSON round trip is needed here.
    history.push({
      _id: historyId(entity, entityId, version), version: 1, entity, entityId, recordKey: recordKey(entity, entityId),
      recordVersion: version, validFrom, appliedAt, eventId: event.id, record: view
    })
    for (const field of new Set([...Object.keys(details), ...Object.keys(derived.conflictDetails)])) {
      const after = derived.conflictDetails[field]
      if (canonicalJson(details[field]) !== canonicalJson(after)) conflictSteps.push({ field, detail: after, validFrom, recordVersion: version })
    }
    details = derived.conflictDetails
  }
  // The record keeps the last version's view and the state it came from, encoded once for the batch.
  return view === undefined ? undefined : { doc: { _id: entityId, ...view, state: encodeState(state), appliedAt }, history, conflictSteps }
}
