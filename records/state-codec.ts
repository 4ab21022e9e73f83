// The merge state as stored. In memory every field's contribution carries its event's stamp and
// metadata (fold and derive compare them field by field); one event sets many fields, so stored
// that way each golden record repeated the same event id, times, key and connector on every field
// (11.8 of a person's 18.3 KB). Stored, each source lists its events once and every field names
// its event by index. Pure: decode(encode(s)) equals s, and encode depends only on the state's
// content (events sorted by id, fields by name), so a rebuild writes the same bytes as the live
// merger whatever order the events came in.
import type { Contribution, SourceState, Stamp } from './source-state.js'
import { eventAt, eventTable } from './event-table.js'

/** What every field one event set has in common. */
export interface StoredEvent extends Stamp {
  sourceKey: string,
  ingestTime: string,
  connector: string,
  connectorVersion: string
}

/** A source's merge state as stored: its events once, each field's value with its event's index. */
export interface StoredSourceState extends Omit<SourceState, 'fields'> {
  events: StoredEvent[]
  fields: Record<string, { value: unknown, event: number }>
}

const isStored = (s: StoredSourceState | SourceState): s is StoredSourceState => Array.isArray(
  (s as StoredSourceState).events
)

export function encodeState (state: Record<string, SourceState>): Record<string, StoredSourceState> {
  const out: Record<string, StoredSourceState> = {}
  for (const system of Object.keys(state).sort()) {
    const { fields, latest, newestSourceTime, newestIngestTime, lastUpsert, lastDelete } = state[system]
    const { events, indexOf } = eventTable(Object.values(fields).map(({
      eventId,
      sourceTime,
      position,
      sourceKey,
      ingestTime,
      connector,
      connectorVersion
    }): StoredEvent =>
      ({ eventId, sourceTime, position, sourceKey, ingestTime, connector, connectorVersion })))
    const stored: Record<string, { value: unknown, event: number }> = {}
    for (const name of Object.keys(fields).sort()) {
      stored[name] = { value: fields[name].value, event: indexOf(fields[name].eventId) }
    }
    // Members in one fixed order, so equal states are equal bytes, however the fold got there.
    out[system] = {
      latest,
      newestSourceTime,
      newestIngestTime,
      ...(lastUpsert !== undefined ? { lastUpsert } : {}),
      ...(lastDelete !== undefined ? { lastDelete } : {}),
      events,
      fields: stored
    }
  }
  return out
}

/** The in-memory state; a state stored before this encoding (no `events`) is taken as it is. */
export function decodeState (stored: Record<string, StoredSourceState | SourceState>): Record<string, SourceState> {
  const out: Record<string, SourceState> = {}
  for (const [system, s] of Object.entries(stored)) {
    if (!isStored(s)) { out[system] = s; continue }
    const { events, fields, ...rest } = s
    const decoded: Record<string, Contribution> = {}
    for (const [name, { value, event }] of Object.entries(fields)) {
      decoded[name] = { ...eventAt(events, event, `stored merge state of ${system}: field ${name}`), value }
    }
    out[system] = { ...rest, fields: decoded }
  }
  return out
}
