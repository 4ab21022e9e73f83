// The `meta` of a record as a read releases it (Law 91/2025 minimisation): only what the released
// fields justify. The record id shows only when the released data carries it (else an opaque ref);
// freshness covers only the sources holding a value of a released field; provenance and conflict
// flags only the released fields; event ids (which embed other departments' source keys) become
// opaque event refs, and source keys are not sent at all.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { RecordView } from '../../records/golden-record.js'
import { freshness } from './freshness.js'
import { releasedWarnings } from '../../records/record-warnings.js'
import type { OpaqueRefs } from '../security/opaque-refs.js'

/** Fields whose value can be the record's id (a card is keyed by either of its numbers). */
export const idFields: Record<CanonicalEntity, readonly string[]> = {
  person: ['personalId'],
  household: ['householdId'],
  'land-parcel': ['parcelId'],
  'land-use-certificate': ['serial'],
  'health-insurance-card': ['socialInsuranceNumber', 'cardNumber'],
  'business-household': ['registrationNumber'],
  'driver-licence': ['licenceNumber']
}

/** The record's id when the released data already carries it, else its opaque ref. */
export function releasedId (view: RecordView, data: Record<string, unknown>, refs: OpaqueRefs): string {
  return idFields[view.entity].some(f => data[f] === view.entityId) ? view.entityId : refs.recordRef(view.entity, view.entityId)
}

export interface MetaOptions {
  asOf?: string
  data: Record<string, unknown>
  /** Field paths released (`a` or `a.b`). */
  returned: readonly string[]
  provenance: boolean
  refs: OpaqueRefs
}

export function recordMeta (view: RecordView, now: Date, { asOf, data, returned, provenance, refs }: MetaOptions): Record<string, unknown> {
  const released = new Set(returned.map(p => p.split('.')[0]))
  const only = <T>(byField: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(byField).filter(([field]) => released.has(field)))
  const fieldProvenance = only(view.provenance)
  const conflicts = only(view.conflicts)
  // The winner of each released field, and the sources disagreeing on one: they hold its value.
  const holders = new Set([
    ...Object.values(fieldProvenance).map(p => p.sourceSystem),
    ...Object.values(conflicts).flatMap(c => c.sourceSystems)
  ])
  const sources = Object.fromEntries(Object.entries(freshness(view, now))
    .filter(([system]) => holders.has(system))
    .map(([system, { lastEventId, ...rest }]) => [system, { ...rest, lastEventId: refs.eventRef(lastEventId) }]))
  const newest = Object.entries(sources).sort(([a, x], [b, y]) => x.sourceTime !== y.sourceTime ? (x.sourceTime > y.sourceTime ? -1 : 1) : a < b ? -1 : 1)[0]
  return {
    entity: view.entity,
    id: releasedId(view, data, refs),
    version: view.version,
    validFrom: view.validFrom,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(newest !== undefined ? { source: { sourceSystem: newest[0], sourceTime: newest[1].sourceTime, ingestTime: newest[1].ingestTime, connectorVersion: newest[1].connectorVersion } } : {}),
    sources,
    ...warningsOf(view, released),
    ...(provenance
      ? {
          conflicts,
          provenance: Object.fromEntries(Object.entries(fieldProvenance).map(([field, { sourceKey: _key, eventId, ...rest }]) => [field, { ...rest, eventId: refs.eventRef(eventId) }]))
        }
      : {})
  }
}

/** Record warnings on fields all released (a warning on an id and a birth date tells of both). */
function warningsOf (view: RecordView, released: ReadonlySet<string>): { warnings?: Array<{ code: string, fields: string[], message: string }> } {
  const warnings = releasedWarnings(view.warnings, released)
  return warnings.length > 0 ? { warnings } : {}
}
