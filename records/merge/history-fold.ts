// A record's history as events (golden-record.ts HistoryDoc): how an entry is written, and how a
// run of entries folds back into the record's views. An entry holds the applied event, so writing
// one needs no read; every SNAPSHOT_EVERY versions it also holds the merge state after the event,
// so a fold never goes back further than that. Entries written before issue 14 hold the view
// itself (`record`) and are answered as they are.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { HistoryDoc, HistoryEvent, SourceState, StoredView } from '../golden-record.js'
import { historyId, recordKey } from '../golden-record.js'
import { decodeState, encodeState } from '../state-codec.js'
import { foldEvent, type MergeEvent } from './fold.js'
import { viewAt } from './record-view.js'
import type { SurvivorshipRules } from './survivorship.js'

/** Versions between two entries that carry the merge state: how far back an asOf fold reads at most. */
export const SNAPSHOT_EVERY = 32

export interface EntryOf {
  version: number
  validFrom: string
  appliedAt: string
  event: MergeEvent
  /** The merge state after the event, when this entry is a place a fold may start. */
  state?: Record<string, SourceState>
}

export function historyEntry (entity: CanonicalEntity, entityId: string, e: EntryOf): HistoryDoc {
  const { entity: _entity, entityId: _id, ...event } = e.event
  return {
    _id: historyId(entity, entityId, e.version), version: 1, entity, entityId, recordKey: recordKey(entity, entityId),
    recordVersion: e.version, validFrom: e.validFrom, appliedAt: e.appliedAt, eventId: e.event.id, event,
    ...(e.state !== undefined ? { state: encodeState(e.state) } : {})
  }
}

/** An entry's event as the merger folds it. */
export const mergeEventOf = (doc: HistoryDoc, event: HistoryEvent): MergeEvent => ({
  ...event,
  entity: doc.entity,
  entityId: doc.entityId
})

/** A history that cannot be folded (an event entry with neither a start nor a version before it). */
export class HistoryFoldError extends Error {}

/** Where a fold of these entries (ascending) can start: the last entry with state or a snapshot, or version 1. */
export function foldStart (entries: HistoryDoc[]): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]
    if (e.record !== undefined || e.state !== undefined || e.recordVersion === 1) return i
  }
  return -1
}

/**
 * The views of consecutive entries (ascending by version), each as the hub knew it then. The
 * first entry must be a place a fold may start (foldStart); a later snapshot entry restarts it.
 */
export function foldHistory (entries: HistoryDoc[], rules: SurvivorshipRules, { lastOnly = false } = {}): StoredView[] {
  const views: StoredView[] = []
  let state: Record<string, SourceState> | undefined
  entries.forEach((e, i) => {
    if (e.record !== undefined) { views.push(e.record); state = undefined; return }
    if (e.event === undefined) throw new HistoryFoldError(`history entry ${e._id} holds neither an event nor a view`)
    if (e.state !== undefined) state = decodeState(e.state)
    else if (state !== undefined || e.recordVersion === 1) state = foldEvent(state ?? {}, mergeEventOf(e, e.event))
    else throw new HistoryFoldError(`history entry ${e._id} follows no version a fold can start from`)
    // Deriving is the costly part; asOf needs the last view only.
    if (lastOnly && i < entries.length - 1) return
    views.push(viewAt(e.entity, e.entityId, state, rules, { version: e.recordVersion, validFrom: e.validFrom }).view)
  })
  return views
}

/** The view after folding these entries (ascending, all event entries) onto a known state. */
export function foldOnto (
  state: Record<string, SourceState>, entries: HistoryDoc[], rules: SurvivorshipRules
): StoredView | undefined {
  let s = state
  for (const e of entries) {
    if (e.state !== undefined) s = decodeState(e.state)
    else if (e.event !== undefined) s = foldEvent(s, mergeEventOf(e, e.event))
    else throw new HistoryFoldError(`history entry ${e._id} holds no event to fold`)
  }
  const last = entries.at(-1)
  return last === undefined
    ? undefined
    : viewAt(last.entity, last.entityId, s, rules, { version: last.recordVersion, validFrom: last.validFrom }).view
}
