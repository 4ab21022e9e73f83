// Links records that carry only a legacy 9-digit CMND to the 12-digit personal id, once any source
// has shown both: a person known by the CMND alone, and a record that names its people by CMND
// (a card's holder, a parcel's holders). A record that cannot be linked yet waits in 'unresolved'
// (listed by the API), and is released, with its original source data, as soon as the link
// appears; one naming several unlinked people waits for each in turn. Nothing is dropped.
// Waiting records are grouped per legacy key (`_id` = 'cmnd:<number>'), so one batch read tells
// which of a batch's new links release something, and a redelivered batch releases it again
// (same canonical event ids, which the merger ignores) until the group is deleted.
import type { Store, VersionedWrite } from '../../infra/ports/store.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import {
  legacyKeyId as keyId,
  saveLegacyLinks,
  type LegacyLinkDoc as LinkDoc,
  type UnresolvedDoc as WaitingGroup
} from '../../records/legacy-ids.js'
import { canonicalEventId, type PendingEntity, type PendingEvent } from './to-canonical.js'

/** A waiting group as the linker stores it: each entry is the whole pending event. */
export type UnresolvedDoc = WaitingGroup<PendingEvent>
type LegacyKey = PendingEntity['legacyKey']

export interface LinkPlan {
  /** Canonical events to publish: pending entities linked now and parked ones released now. */
  events: CanonicalEvent[]
  /** Unresolved groups to delete once `events` are published. */
  releasedGroups: string[]
  parked: number
}

export async function linkLegacyIds (
  store: Store, events: CanonicalEvent[], pending: PendingEntity[]
): Promise<LinkPlan> {
  const learned = new Map<string, string>()
  for (const e of events) {
    const cmnd = e.entity === 'person' && e.op === 'upsert' ? e.fields.legacyCmnd : undefined
    if (typeof cmnd === 'string') learned.set(keyId('cmnd', cmnd), e.entityId)
  }
  const keysOf = (e: PendingEvent, group: string): string[] => e.legacyRefs === undefined
    ? [group]
    : e.legacyRefs.map(r => keyId(r.kind, r.value))
  const pendingIds = pending.flatMap(p => keysOf(p.event, keyId(p.legacyKey.kind, p.legacyKey.value)))
  const asked = [...new Set([...learned.keys(), ...pendingIds])]
  const askedSet = new Set(asked)
  const [known, waiting] = await Promise.all([
    store.getMany('id_links', asked) as Promise<Map<string, LinkDoc>>,
    store.getMany('unresolved', asked) as Promise<Map<string, UnresolvedDoc>>
  ])
  // Released records may name other people by CMND too: their links are read as well, and the
  // groups they may have to wait in next (a group written blind would collide with a stored one).
  const more = [...new Set([...waiting.values()].flatMap(g => g.entries.flatMap(e => keysOf(e, g._id))))].filter(
    id => !askedSet.has(id)
  )
  if (more.length > 0) {
    const [moreLinks, moreGroups] = await Promise.all([
      store.getMany('id_links', more) as Promise<Map<string, LinkDoc>>,
      store.getMany('unresolved', more) as Promise<Map<string, UnresolvedDoc>>
    ])
    for (const [id, link] of moreLinks) known.set(id, link)
    for (const [id, group] of moreGroups) waiting.set(id, group)
  }
  await saveLegacyLinks(store, learned, known)
  const resolve = (id: string): string | undefined => learned.get(id) ?? known.get(id)?.personalId

  const out: CanonicalEvent[] = []
  const releasedGroups: string[] = []
  const park = new Map<string, UnresolvedDoc>()
  let parked = 0
  const parkIn = ({ kind, value }: LegacyKey, entry: PendingEvent): void => {
    const id = keyId(kind, value)
    const group = park.get(id) ?? (releasedGroups.includes(id) ? undefined : structuredClone(waiting.get(id))) ??
      { _id: id, version: 0, kind, value, since: entry.source.ingestTime, entries: [] }
    if (!group.entries.some(e => e.rawEventId === entry.rawEventId && e.entity === entry.entity)) {
      group.entries.push(entry)
    }
    park.set(id, group)
    parked++
  }
  /** The event, once every legacy key it needs is linked; else the key it must wait for. */
  const link = (entry: PendingEvent, group: LegacyKey): CanonicalEvent | { waitFor: LegacyKey } => {
    if (entry.legacyRefs === undefined) {
      const personalId = resolve(keyId(group.kind, group.value))
      return personalId === undefined ? { waitFor: group } : withId(entry, personalId, group.value)
    }
    const missing = entry.legacyRefs.find(r => resolve(keyId(r.kind, r.value)) === undefined)
    return missing !== undefined ? { waitFor: missing } : withRefs(entry)
  }
  const withRefs = (entry: PendingEvent): CanonicalEvent => {
    const { legacyRefs = [], entityId = '', ...event } = entry
    const fields = { ...event.fields }
    for (const ref of legacyRefs) {
      const personalId = resolve(keyId(ref.kind, ref.value)) as string
      const current = valueAt(fields, ref.field)
      setAt(
        fields,
        ref.field,
        ref.list === true
          ? [...new Set([...(Array.isArray(current) ? current : []), personalId])]
          : current ?? personalId
      )
    }
    return {
      ...event,
      id: canonicalEventId(event.rawEventId, event.entity, entityId),
      entityId,
      fields,
      warnings: [
        ...(event.warnings ?? []),
        ...legacyRefs.map(
          r => ({
            code: 'LT_WARN_LINKED_BY_CMND',
            message: `${r.field}: linked to a personal id through legacy CMND ${r.value.slice(0, 3)}******`
          })
        )
      ]
    }
  }

  for (const [id, group] of waiting) {
    if (resolve(id) === undefined) continue
    releasedGroups.push(id)
    for (const entry of group.entries) {
      const linked = link(entry, group)
      if ('waitFor' in linked) parkIn(linked.waitFor, entry)
      else out.push(linked)
    }
  }
  for (const p of pending) {
    const linked = link(p.event, p.legacyKey)
    if ('waitFor' in linked) parkIn(linked.waitFor, p.event)
    else out.push(linked)
  }
  const writes: VersionedWrite[] = [...park.values()].map(
    doc => ({ doc: { ...doc, version: doc.version + 1 }, expectedVersion: doc.version === 0 ? null : doc.version })
  )
  const result = writes.length > 0 ? await store.bulkUpsert('unresolved', writes) : { stale: [] }
  if (result.stale.length > 0) {
    throw new Error(`unresolved groups moved during the batch: ${result.stale.length}; retrying`)
  }
  return { events: out, releasedGroups, parked }
}

function withId (entry: PendingEvent, personalId: string, cmnd: string): CanonicalEvent {
  const { legacyRefs: _refs, entityId: _id, ...event } = entry
  return {
    ...event,
    id: canonicalEventId(event.rawEventId, event.entity, personalId),
    entityId: personalId,
    warnings: [
      ...(event.warnings ?? []),
      {
        code: 'LT_WARN_LINKED_BY_CMND',
        message: `linked to the personal id through legacy CMND ${cmnd.slice(0, 3)}******`
      }
    ]
  }
}

// A ref's field may be nested (`guardian.personalId`): written at that path, not as a flat key with a
// dot in its name, which left the guardian without the id it was linked to.
function valueAt (fields: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>(
    (v, k) => v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined, fields
  )
}

/** Sets `path` in `fields`, copying each object on the way (the event's own objects stay untouched). */
function setAt (fields: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  let at = fields
  for (const key of keys.slice(0, -1)) {
    const next = at[key]
    const copy = next !== null && typeof next === 'object' && !Array.isArray(next)
      ? { ...(next as Record<string, unknown>) }
      : {}
    at[key] = copy
    at = copy
  }
  at[keys[keys.length - 1]] = value
}
