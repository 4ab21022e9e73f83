// The stored shape of a citizen's record and the rule that folds one change into it.
import type { Person } from '../schemas/person.js'
import type { ChangeEvent } from '../schemas/change-event.js'
import type { StoredDoc } from '../infra/ports/store.js'

export interface Provenance {
  sourceSystem: string
  sourceKey: string
  sourceTime: string
  ingestTime: string
  connector: string
  connectorVersion: string
  eventId: string
  position: string
}

export interface PersonDoc extends StoredDoc {
  deleted: boolean
  person: Person | null
  provenance: Provenance
}

/**
 * Folds an event into the current document, or returns undefined when the event is not newer than
 * what the document already reflects (a duplicate or an out-of-order delivery): positions from one
 * source stream only grow, so comparing them makes redelivery harmless.
 */
export function applyPersonChange (current: PersonDoc | undefined, event: ChangeEvent, sourceSystem: string, person: Person | null): PersonDoc | undefined {
  if (current !== undefined && current.provenance.position >= event.position) return undefined
  return {
    _id: event.subject,
    version: (current?.version ?? 0) + 1,
    deleted: event.op === 'd',
    person: event.op === 'd' ? current?.person ?? null : person,
    provenance: {
      sourceSystem,
      sourceKey: event.key,
      sourceTime: event.time,
      ingestTime: event.ingestTime,
      connector: event.connector.id,
      connectorVersion: event.connector.version,
      eventId: event.id,
      position: event.position
    }
  }
}
