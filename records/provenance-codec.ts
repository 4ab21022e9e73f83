// Provenance as stored in golden records and history snapshots. Every field's provenance names the
// event its value came from (id, source system and key, times, connector), and one event sets many
// fields, so stored field by field each record repeated the same event several times over (a
// person's provenance was 5 KB). Stored, the events are listed once and each field names its
// event by index, with the rule that chose it. Readers get the expanded form from viewOf and
// readAsOf (reader.ts); nothing else reads the stored one.
import type { FieldProvenance } from './field-provenance.js'
import { eventAt, eventTable } from './event-table.js'

export type ProvenanceEvent = Omit<FieldProvenance, 'rule'>

export interface StoredProvenance {
  events: ProvenanceEvent[]
  fields: Record<string, { event: number, rule: FieldProvenance['rule'] }>
}

/** A provenance map written before this encoding holds FieldProvenance per field; `events` is then a field's entry,
 * never an array. */
const isStored = (p: StoredProvenance | Record<string, FieldProvenance>): p is StoredProvenance => Array.isArray(
  (p as StoredProvenance).events
)

export function encodeProvenance (provenance: Record<string, FieldProvenance>): StoredProvenance {
  const { events, indexOf } = eventTable(Object.values(provenance).map(({
    eventId,
    sourceSystem,
    sourceKey,
    sourceTime,
    ingestTime,
    connector,
    connectorVersion
  }): ProvenanceEvent =>
    ({ eventId, sourceSystem, sourceKey, sourceTime, ingestTime, connector, connectorVersion })))
  const fields: StoredProvenance['fields'] = {}
  for (const name of Object.keys(provenance).sort()) {
    fields[name] = { event: indexOf(provenance[name].eventId), rule: provenance[name].rule }
  }
  return { events, fields }
}

export function decodeProvenance (
  stored: StoredProvenance | Record<string, FieldProvenance>
): Record<string, FieldProvenance> {
  if (!isStored(stored)) return stored
  const out: Record<string, FieldProvenance> = {}
  for (const [name, { event, rule }] of Object.entries(stored.fields)) {
    const e = eventAt(stored.events, event, `stored provenance: field ${name}`)
    out[name] = {
      sourceSystem: e.sourceSystem,
      sourceKey: e.sourceKey,
      sourceTime: e.sourceTime,
      ingestTime: e.ingestTime,
      connector: e.connector,
      connectorVersion: e.connectorVersion,
      eventId: e.eventId,
      rule
    }
  }
  return out
}
