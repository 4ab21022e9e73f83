// Links records that carry only a legacy 9-digit CMND to the 12-digit personal id, once any source
// has shown both. A record that cannot be linked yet waits in 'unresolved' (listed by the API),
// and is released, with its original source data, as soon as the link appears. Nothing is dropped.
// Waiting records are grouped per legacy key (`_id` = 'cmnd:<number>'), so one batch read tells
// which of a batch's new links release something, and a redelivered batch releases it again
// (same canonical event ids, which the merger ignores) until the group is deleted.
import type { Store, StoredDoc, VersionedWrite } from '../../infra/ports/store.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import { canonicalEventId, type PendingEntity } from './to-canonical.js'

export interface UnresolvedDoc extends StoredDoc {
  kind: 'cmnd'
  value: string
  since: string
  entries: Array<PendingEntity['event']>
}

interface LinkDoc extends StoredDoc { personalId: string }

const keyId = (kind: string, value: string): string => `${kind}:${value}`

export interface LinkPlan {
  /** Canonical events to publish: pending entities linked now and parked ones released now. */
  events: CanonicalEvent[]
  /** Unresolved groups to delete once `events` are published. */
  releasedGroups: string[]
  parked: number
}

export async function linkLegacyIds (store: Store, events: CanonicalEvent[], pending: PendingEntity[]): Promise<LinkPlan> {
  const learned = new Map<string, string>()
  for (const e of events) {
    const cmnd = e.entity === 'person' && e.op === 'upsert' ? e.fields.legacyCmnd : undefined
    if (typeof cmnd === 'string') learned.set(keyId('cmnd', cmnd), e.entityId)
  }
  const pendingIds = pending.map(p => keyId(p.legacyKey.kind, p.legacyKey.value))
  const [known, waiting] = await Promise.all([
    store.getMany('id_links', [...new Set([...learned.keys(), ...pendingIds])]) as Promise<Map<string, LinkDoc>>,
    store.getMany('unresolved', [...new Set([...learned.keys(), ...pendingIds])]) as Promise<Map<string, UnresolvedDoc>>
  ])
  await saveLinks(store, learned, known)
  const resolve = (id: string): string | undefined => learned.get(id) ?? known.get(id)?.personalId

  const out: CanonicalEvent[] = []
  const releasedGroups: string[] = []
  for (const [id, group] of waiting) {
    const personalId = resolve(id)
    if (personalId === undefined) continue
    out.push(...group.entries.map(e => withId(e, personalId, group.value)))
    releasedGroups.push(id)
  }
  const park = new Map<string, UnresolvedDoc>()
  let parked = 0
  for (const p of pending) {
    const id = keyId(p.legacyKey.kind, p.legacyKey.value)
    const personalId = resolve(id)
    if (personalId !== undefined) { out.push(withId(p.event, personalId, p.legacyKey.value)); continue }
    const group = park.get(id) ?? structuredClone(waiting.get(id)) ?? { _id: id, version: 0, kind: p.legacyKey.kind, value: p.legacyKey.value, since: p.event.source.ingestTime, entries: [] }
    if (!group.entries.some(e => e.rawEventId === p.event.rawEventId && e.entity === p.event.entity)) group.entries.push(p.event)
    park.set(id, group)
    parked++
  }
  const writes: VersionedWrite[] = [...park.values()].map(doc => ({ doc: { ...doc, version: doc.version + 1 }, expectedVersion: doc.version === 0 ? null : doc.version }))
  const result = writes.length > 0 ? await store.bulkUpsert('unresolved', writes) : { stale: [] }
  if (result.stale.length > 0) throw new Error(`unresolved groups moved during the batch: ${result.stale.length}; retrying`)
  return { events: out, releasedGroups, parked }
}

async function saveLinks (store: Store, learned: Map<string, string>, known: Map<string, LinkDoc>): Promise<void> {
  const writes: VersionedWrite[] = []
  for (const [id, personalId] of learned) {
    const current = known.get(id)
    if (current?.personalId === personalId) continue
    writes.push({ doc: { _id: id, version: (current?.version ?? 0) + 1, personalId }, expectedVersion: current?.version ?? null })
  }
  if (writes.length > 0) await store.bulkUpsert('id_links', writes)
}

function withId (event: PendingEntity['event'], personalId: string, cmnd: string): CanonicalEvent {
  return {
    ...event,
    id: canonicalEventId(event.rawEventId, event.entity, personalId),
    entityId: personalId,
    warnings: [...(event.warnings ?? []), { code: 'LT_WARN_LINKED_BY_CMND', message: `linked to the personal id through legacy CMND ${cmnd.slice(0, 3)}******` }]
  }
}
