// The stored shapes the merger writes and the gateway reads: golden records, their history and
// conflicts. One file, so the writer and the readers cannot disagree about a field name.
import type { CanonicalEntity } from '../schemas/canonical-event.js'
import type { CollectionName, StoredDoc } from '../infra/ports/store.js'
import type { StoredSourceState } from './state-codec.js'
import type { StoredProvenance } from './provenance-codec.js'
import type { RecordWarning } from './record-warnings.js'
import type { SourceState } from './source-state.js'
import type { FieldProvenance } from './field-provenance.js'

// The merge state and provenance live in their own files so the codecs can import them without a
// cycle through this one; re-exported so readers and the merger find every stored shape here.
export type { Contribution, SourceState, Stamp } from './source-state.js'
export type { FieldProvenance } from './field-provenance.js'

/** Freshness of one source for one record (issue 5 item 4). */
export interface SourceFreshness {
  /** false once the source deleted the record and has not upserted it since. */
  holds: boolean
  sourceTime: string
  ingestTime: string
  connector: string
  connectorVersion: string
  lastEventId: string
  deletedAt?: string
}

export interface ConflictFlag {
  sourceSystems: string[]
  /** Source time since which the sources disagree. */
  since: string
}

/** What a reader sees of a record at one version: the snapshot history keeps. */
export interface RecordView {
  entity: CanonicalEntity
  entityId: string
  version: number
  deleted: boolean
  fields: Record<string, unknown>
  provenance: Record<string, FieldProvenance>
  conflicts: Record<string, ConflictFlag>
  sources: Record<string, SourceFreshness>
  /** Equality-queryable link keys (see personLinkSlots). */
  links: Record<string, string | true>
  /** When the hub learned this version: the newest ingest time among the events applied so far. */
  validFrom: string
  /** Contradictions among the merged fields (record-warnings.ts); absent when there are none. */
  warnings?: RecordWarning[]
}

/**
 * A view as stored (golden records, history snapshots): provenance in its compact form
 * (provenance-codec.ts), or expanded in records written before it. viewOf and readAsOf expand it.
 */
export interface StoredView extends Omit<RecordView, 'provenance'> {
  provenance: StoredProvenance | Record<string, FieldProvenance>
}

export interface GoldenRecord extends StoredDoc, StoredView {
  /**
   * The merge state per source system, as stored (state-codec.ts; records written before that
   * encoding hold SourceState itself); everything else in the record is derived from it.
   */
  state: Record<string, StoredSourceState | SourceState>
  /** Wall-clock time this version was written (differs on a rebuild; left out of the store hash). */
  appliedAt: string
  /** 'events' once the merger writes this record's history as events (absent: view snapshots). */
  historyForm?: 'events'
}

/** One applied canonical event as history keeps it: the merge event, without the key it is filed under. */
export interface HistoryEvent {
  id: string
  op: 'upsert' | 'delete'
  system: string
  connector: string
  connectorVersion: string
  sourceKey: string
  sourceTime: string
  ingestTime: string
  position: string
  fields: Record<string, unknown>
}

/**
 * One version of a record in history. Written insert-only, one per applied canonical event: the
 * event itself (`event`), folded by asOf onto the versions before it. Every SNAPSHOT_EVERY versions,
 * and on the first version after a record whose history holds snapshots, the entry also carries
 * the merge state after its event (`state`), where a fold may start. Hubs before issue 14 wrote a
 * view snapshot per version instead (`record`, no `event`): read as it is, never written.
 */
export interface HistoryDoc extends StoredDoc {
  entity: CanonicalEntity
  entityId: string
  /** `<entity>:<entityId>`: the equality key asOf reads page by. */
  recordKey: string
  recordVersion: number
  validFrom: string
  appliedAt: string
  /** The event that produced this version. */
  eventId: string
  event?: HistoryEvent
  state?: Record<string, StoredSourceState>
  /** The view of this version, in history written before issue 14. */
  record?: StoredView
}

/** A record's new version as the change feed sees it: the event that made it and the view after it. */
export interface AppliedVersion { eventId: string, record: StoredView }

export interface ConflictValue { sourceSystem: string, value: unknown, since: string }

/** A data steward's decision in force on a conflict (records/steward.ts; the merger folds it). */
export interface Resolution {
  by: string
  at: string
  legalBasis: string
  note?: string
  value: unknown
  chosenSourceSystem?: string
  eventId: string
}

export interface ConflictDoc extends StoredDoc {
  entity: CanonicalEntity
  entityId: string
  field: string
  status: 'open' | 'resolved'
  values: ConflictValue[]
  sourceSystems: string[]
  /** `involves.<source system with - as _>: true`, so one equality finds a source's conflicts. */
  involves: Record<string, true>
  since: string
  chosenSourceSystem: string
  /** validFrom of the record version that opened (or reopened) the conflict. */
  detectedAt: string
  resolvedAt?: string
  /** A data steward's decision that settled the conflict (absent when the sources came to agree). */
  resolution?: Resolution
  recordVersion: number
  /** Set when the hub raised the conflict from another record (records/signals/), e.g. 'death-registered'. */
  signal?: string
}

/** Source system names, the keys of a record's `sources`, `state` and conflict `involves`. */
export const sourceSystemPattern = '^[a-z][a-z0-9-]{0,39}$'

export const goldenCollection: Record<CanonicalEntity, CollectionName> = {
  person: 'persons',
  household: 'households',
  'land-parcel': 'land_parcels',
  'land-use-certificate': 'land_certificates',
  'health-insurance-card': 'health_cards',
  'business-household': 'business_households',
  'driver-licence': 'driver_licences',
  'unemployment-benefit': 'unemployment_benefits',
  'student-enrolment': 'student_enrolments',
  notarization: 'notarizations',
  'construction-permit': 'construction_permits',
  'civil-servant': 'civil_servants',
  'social-beneficiary': 'social_beneficiaries',
  'urban-infrastructure': 'infrastructure_assets'
}

export const recordKey = (entity: CanonicalEntity, entityId: string): string => `${entity}:${entityId}`
/** Versions are zero-padded so `_id` order is version order. */
export const historyId = (entity: CanonicalEntity, entityId: string, version: number): string =>
  `${entity}:${entityId}:${String(version).padStart(10, '0')}`
export const conflictId = (
  entity: CanonicalEntity, entityId: string, field: string
): string => `${entity}:${entityId}:${field}`
export const involvesField = (sourceSystem: string): string => `involves.${sourceSystem.replace(/-/g, '_')}`

/**
 * Person links as scalar slots `links.person0` … `links.person<n-1>`: the store port finds by
 * equality only, and an array does not match one of its elements on every adapter, so each
 * linked personal id gets its own slot (sorted, so a record's slots are stable). A record with
 * more linked people than slots sets `links.truncated`.
 */
export const personLinkSlots: Record<CanonicalEntity, number> = {
  person: 0,
  household: 16,
  'land-parcel': 8,
  'land-use-certificate': 8,
  'health-insurance-card': 1,
  'business-household': 1,
  'driver-licence': 1,
  'unemployment-benefit': 1,
  // The pupil and the guardian.
  'student-enrolment': 2,
  notarization: 8,
  'construction-permit': 8,
  'civil-servant': 1,
  'social-beneficiary': 1,
  // Not personal data: no person is linked (its equality keys are records/infrastructure-links.ts).
  'urban-infrastructure': 0
}
export const personSlot = (i: number): string => `links.person${i}`

export const isGoldenRecord = (doc: StoredDoc | undefined): doc is GoldenRecord =>
  doc !== undefined && typeof doc.entity === 'string' && typeof doc.state === 'object' && doc.state !== null
