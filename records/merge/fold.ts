// Folds one canonical event into the per-source merge state. Pure and order-independent: each
// register keeps the maximum by stamp, and a delete removes only contributions older than itself,
// so any permutation or duplication of the same events ends in the same state. The ingest time is
// when the hub heard of a change, not of a message: a source re-sending what the hub already holds
// (a connector killed before saving its cursor, a poll re-run from an empty cursor) brings the same
// event with a later ingest time, and that alone changes nothing.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { HistoryEvent, SourceState, Stamp } from '../golden-record.js'
import { compareStamps, laterStamp, maxIso } from './stamp.js'

/** A canonical event with its times normalized; what the merger works on. */
export interface MergeEvent extends HistoryEvent {
  entity: CanonicalEntity
  entityId: string
}

/** Returns `state` itself when the event changes nothing (a duplicate, or older than every register). */
export function foldEvent (state: Record<string, SourceState>, event: MergeEvent): Record<string, SourceState> {
  const stamp: Stamp = { sourceTime: event.sourceTime, position: event.position, eventId: event.id }
  const latest = { ...stamp, connector: event.connector, connectorVersion: event.connectorVersion }
  const prev = state[event.system]
  const next: SourceState = prev === undefined
    ? { fields: {}, latest, newestSourceTime: event.sourceTime, newestIngestTime: event.ingestTime }
    : {
        ...prev,
        fields: { ...prev.fields },
        latest: laterStamp(prev.latest, latest),
        newestSourceTime: maxIso(prev.newestSourceTime, event.sourceTime),
        newestIngestTime: ingestOfLatest(prev, latest, event.ingestTime)
      }
  let changed = prev === undefined || next.latest !== prev.latest ||
    next.newestSourceTime !== prev.newestSourceTime || next.newestIngestTime !== prev.newestIngestTime
  if (event.op === 'delete') {
    next.lastDelete = laterStamp(next.lastDelete, stamp)
    changed ||= next.lastDelete !== prev?.lastDelete
    for (const [field, c] of Object.entries(next.fields)) {
      if (compareStamps(c, next.lastDelete) < 0) { delete next.fields[field]; changed = true }
    }
  } else {
    // Kept even when a newer delete hides the upsert, so the register is the same in any order.
    next.lastUpsert = laterStamp(next.lastUpsert, stamp)
    changed ||= next.lastUpsert !== prev?.lastUpsert
    if (next.lastDelete === undefined || compareStamps(stamp, next.lastDelete) > 0) {
      for (const [field, value] of Object.entries(event.fields)) {
        if (value === undefined) continue
        const current = next.fields[field]
        if (current === undefined || compareStamps(stamp, current) > 0) {
          changed = true
          next.fields[field] = {
            ...stamp, value, sourceKey: event.sourceKey, ingestTime: event.ingestTime,
            connector: event.connector, connectorVersion: event.connectorVersion
          }
        }
      }
    }
  }
  return changed ? { ...state, [event.system]: next } : state
}

/**
 * The ingest time of the source's newest change: a newer event brings its own; the same event
 * again keeps the earlier of the two (so order does not matter); an older event changes nothing.
 */
function ingestOfLatest (prev: SourceState, latest: Stamp, ingestTime: string): string {
  const order = compareStamps(latest, prev.latest)
  if (order > 0) return ingestTime
  return order === 0 && ingestTime < prev.newestIngestTime ? ingestTime : prev.newestIngestTime
}

/** A source holds a record when its newest upsert is newer than its newest delete. */
export const sourceHolds = (s: SourceState): boolean =>
  s.lastUpsert !== undefined && (s.lastDelete === undefined || compareStamps(s.lastUpsert, s.lastDelete) > 0)
