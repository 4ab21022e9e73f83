// The `meta` of a record as a read releases it (Law 91/2025 minimisation): only what the released
// fields justify. The record id shows only when the released data carries it (else an opaque ref);
// freshness covers only the sources holding a value of a released field; provenance and conflict
// flags only the released fields; event ids (which embed other departments' source keys) become
// opaque event refs, and source keys are not sent at all.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { RecordView } from '../../records/golden-record.js'
import { freshnessOf } from './freshness.js'
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
  'driver-licence': ['licenceNumber'],
  'unemployment-benefit': ['benefitId'],
  'student-enrolment': ['enrolmentId'],
  notarization: ['notarizationId'],
  'construction-permit': ['permitId'],
  'civil-servant': ['staffCode'],
  'social-beneficiary': ['caseId'],
  'urban-infrastructure': ['id']
}

/** The record's id when the released data already carries it, else its opaque ref. */
export function releasedId (view: RecordView, data: Record<string, unknown>, refs: OpaqueRefs): string {
  return idFields[view.entity].some(f => data[f] === view.entityId)
    ? view.entityId
    : refs.recordRef(view.entity, view.entityId)
}

export interface MetaOptions {
  asOf?: string
  data: Record<string, unknown>
  /** Field paths released (`a` or `a.b`). */
  returned: readonly string[]
  provenance: boolean
  refs: OpaqueRefs
}

export function recordMeta (
  view: RecordView, now: Date, { asOf, data, returned, provenance, refs }: MetaOptions
): Record<string, unknown> {
  const released = releasedHeads(returned)
  const fieldProvenance = only(view.provenance, released)
  const conflicts = only(view.conflicts, released)
  // The winner of each released field, and the sources disagreeing on one: they hold its value.
  const holders = new Set<string>()
  for (const field in fieldProvenance) holders.add(fieldProvenance[field].sourceSystem)
  for (const field in conflicts) for (const system of conflicts[field].sourceSystems) holders.add(system)
  const sources = heldFreshness(view, now, holders, refs)
  const newest = newestOf(sources)
  return {
    entity: view.entity,
    id: releasedId(view, data, refs),
    version: view.version,
    validFrom: view.validFrom,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(newest !== undefined
      ? {
          source: {
            sourceSystem: newest[0],
            sourceTime: newest[1].sourceTime,
            ingestTime: newest[1].ingestTime,
            connectorVersion: newest[1].connectorVersion
          }
        }
      : {}),
    sources,
    ...warningsOf(view, released),
    ...(provenance
      ? {
          conflicts,
          provenance: Object.fromEntries(Object.entries(fieldProvenance)
            .map(([field, { sourceKey: _key, eventId, ...rest }]) =>
              [field, { ...rest, eventId: refs.eventRef(eventId) }]))
        }
      : {})
  }
}

/** The top-level fields of the released paths (`a.b` releases part of `a`). */
function releasedHeads (returned: readonly string[]): Set<string> {
  const heads = new Set<string>()
  for (const path of returned) {
    const dot = path.indexOf('.')
    heads.add(dot < 0 ? path : path.slice(0, dot))
  }
  return heads
}

/** The members of a per-field map whose field is released, in the map's order. */
function only<T> (byField: Record<string, T>, released: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const field of Object.keys(byField)) if (released.has(field)) out[field] = byField[field]
  return out
}

/**
 * Freshness of the sources holding a released value, in the record's source order, with the event
 * id as an opaque ref. Computed only for those sources: the others are never sent.
 */
function heldFreshness (
  view: RecordView, now: Date, holders: ReadonlySet<string>, refs: OpaqueRefs
): Record<string, HeldFreshness> {
  const out: Record<string, HeldFreshness> = {}
  for (const system of Object.keys(view.sources)) {
    if (!holders.has(system)) continue
    const { lastEventId, ...rest } = freshnessOf(view.sources[system], now)
    out[system] = { ...rest, lastEventId: refs.eventRef(lastEventId) }
  }
  return out
}

type HeldFreshness = ReturnType<typeof freshnessOf>

/** The source with the newest change; on equal times the first by name. */
function newestOf (sources: Record<string, HeldFreshness>): [string, HeldFreshness] | undefined {
  let best: [string, HeldFreshness] | undefined
  for (const system of Object.keys(sources)) {
    const s = sources[system]
    if (best === undefined || s.sourceTime > best[1].sourceTime ||
      (s.sourceTime === best[1].sourceTime && system < best[0])) best = [system, s]
  }
  return best
}

/** Record warnings on fields all released (a warning on an id and a birth date tells of both). */
function warningsOf (
  view: RecordView, released: ReadonlySet<string>
): { warnings?: Array<{ code: string, fields: string[], message: string }> } {
  const warnings = releasedWarnings(view.warnings, released)
  return warnings.length > 0 ? { warnings } : {}
}
