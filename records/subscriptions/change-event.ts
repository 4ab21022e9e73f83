// A golden-record change as the hub publishes it on `changes.<entity>`: one per new version the
// merger writes, with the whole record before and after, the field paths that changed, their
// provenance, and the change kinds (created, updated, deleted, died, moved). Derived from the
// merger's own output (the stored record before the batch and the view of each new version),
// so the feed says exactly what the golden records say.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { AppliedVersion, FieldProvenance, StoredView } from '../golden-record.js'
import { decodeProvenance } from '../provenance-codec.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import { structuredMessage, type CloudEventBase } from '../../infra/ports/cloud-event-message.js'
import type { OutgoingMessage } from '../../infra/ports/event-log.js'

export const changeKinds = ['created', 'updated', 'deleted', 'died', 'moved'] as const
export type ChangeKind = typeof changeKinds[number]

export interface RecordChange {
  entity: CanonicalEntity
  entityId: string
  version: number
  /** The version before this one; 0 when the record is new. */
  previousVersion: number
  /** Every kind that applies, most specific first; `kind` is the first. */
  kinds: ChangeKind[]
  /** Field paths (`a` or `a.b`, as grants name them) whose value differs. */
  changed: string[]
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  /** Provenance of the changed fields that hold a value after the change. */
  provenance: Record<string, FieldProvenance>
  validFrom: string
  /** The canonical event that produced this version. */
  eventId: string
}

/** One merger batch's output for one record: the record as stored before, and its new versions. */
export interface AppliedVersions { before: StoredView | undefined, versions: AppliedVersion[] }

export const changesTopic = (entity: CanonicalEntity): string => `changes.${entity}`
export const changeEventType = (entity: string, kind: ChangeKind): string => `vn.lienthong.${entity}.${kind}`
export const changeId = (c: { entity: string, entityId: string, version: number }): string =>
  `${c.entity}:${c.entityId}:${c.version}`

/** Where a record's ward code sits, per entity (none for cards and certificates). */
export const wardPaths: Record<CanonicalEntity, string[]> = {
  person: ['permanentAddress.wardCode', 'temporaryAddress.wardCode'],
  household: ['address.wardCode'],
  'land-parcel': ['address.wardCode'],
  'business-household': ['address.wardCode'],
  'health-insurance-card': [],
  'land-use-certificate': [],
  'driver-licence': [],
  'unemployment-benefit': [],
  'student-enrolment': ['address.wardCode', 'school.wardCode'],
  notarization: [],
  'construction-permit': ['address.wardCode'],
  'civil-servant': [],
  'social-beneficiary': ['address.wardCode'],
  'urban-infrastructure': ['properties.wardCode']
}
/** The address fields whose change is a move. */
const movePaths: Partial<Record<CanonicalEntity, string[]>> = {
  person: ['permanentAddress', 'temporaryAddress'],
  household: ['address'],
  'business-household': ['address']
}

/** The value at `a` or `a.b`. */
export function valueAt (fields: Record<string, unknown> | null, path: string): unknown {
  if (fields === null) return undefined
  const [head, child] = path.split('.')
  const value = fields[head]
  if (child === undefined) return value
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[child] : undefined
}

/** Top-level fields and, for objects, their members: the paths grants can name. */
export function changedPaths (before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const out = new Set<string>()
  for (const head of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const b = before?.[head]
    const a = after?.[head]
    if (canonicalJson(b ?? null) === canonicalJson(a ?? null)) continue
    out.add(head)
    const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
    if (isObj(b) || isObj(a)) {
      for (const child of new Set([...Object.keys(isObj(b) ? b : {}), ...Object.keys(isObj(a) ? a : {})])) {
        const was = canonicalJson((isObj(b) ? b[child] : undefined) ?? null)
        if (was !== canonicalJson((isObj(a) ? a[child] : undefined) ?? null)) out.add(`${head}.${child}`)
      }
    }
  }
  return [...out].sort()
}

function kindsOf (
  entity: CanonicalEntity, before: StoredView | undefined, after: StoredView, changed: string[]
): ChangeKind[] {
  const existed = before !== undefined && !before.deleted
  if (after.deleted) return existed ? ['deleted'] : []
  const kinds: ChangeKind[] = []
  const died = changed.includes('dateOfDeath') && valueAt(after.fields, 'dateOfDeath') !== undefined
  if (entity === 'person' && died) kinds.push('died')
  // A move changes an address the record already had; the first address the hub learns is not one.
  const moved = (movePaths[entity] ?? []).some(p => changed.includes(p) &&
    valueAt(before?.fields ?? null, p) !== undefined)
  if (existed && moved) kinds.push('moved')
  kinds.push(existed ? 'updated' : 'created')
  return kinds
}

/** The changes of one record's new versions, oldest first; versions that change no field are left out. */
export function deriveChanges ({ before, versions }: AppliedVersions): RecordChange[] {
  const out: RecordChange[] = []
  let previous = before
  for (const h of versions) {
    const view = h.record
    const beforeFields = previous === undefined || previous.deleted ? null : previous.fields
    const afterFields = view.deleted ? null : view.fields
    const changed = changedPaths(beforeFields, afterFields)
    const kinds = kindsOf(view.entity, previous, view, changed)
    const last = previous
    previous = view
    if (kinds.length === 0 || changed.length === 0) continue
    const provenance = decodeProvenance(view.provenance)
    out.push({
      entity: view.entity,
      entityId: view.entityId,
      version: view.version,
      previousVersion: last?.version ?? 0,
      kinds,
      changed,
      before: beforeFields,
      after: afterFields,
      provenance: Object.fromEntries(changed.filter(p => provenance[p] !== undefined).map(p => [p, provenance[p]])),
      validFrom: view.validFrom,
      eventId: h.eventId
    })
  }
  return out
}

/** The CloudEvent of a change on `changes.<entity>` (the whole record: trusted internal consumers only). */
export function changeCloudEvent (change: RecordChange): CloudEventBase {
  return {
    specversion: '1.0',
    id: changeId(change),
    source: '/lienthong/merger',
    type: changeEventType(change.entity, change.kinds[0]),
    subject: change.entityId,
    time: change.validFrom,
    datacontenttype: 'application/json',
    data: change
  }
}

/** Messages for `changes.<entity>`, keyed by entity id so per-record order holds. */
export function changeMessages (applied: AppliedVersions[]): Map<string, OutgoingMessage[]> {
  const byTopic = new Map<string, OutgoingMessage[]>()
  for (const change of applied.flatMap(deriveChanges)) {
    const topic = changesTopic(change.entity)
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), structuredMessage(change.entityId, changeCloudEvent(change))])
  }
  return byTopic
}
