// Legacy ids as the hub stores them: the links from a 9-digit CMND to the 12-digit personal id
// (`id_links`, learned by the normalizer from sources that show both), the records waiting for
// such a link (`unresolved`, grouped per legacy key), and the lookups readers make by legacy key.
import type { Store, StoredDoc, VersionedWrite } from '../infra/ports/store.js'
import type { CanonicalEntity } from '../schemas/canonical-event.js'
import { goldenCollection, type RecordView } from './golden-record.js'
import { viewOf } from './reader.js'

export type LegacyKeyKind = 'cmnd'

/** `_id` of a link and of a waiting group: `<kind>:<value>`, e.g. `cmnd:361999888`. */
export const legacyKeyId = (kind: string, value: string): string => `${kind}:${value}`

export interface LegacyLinkDoc extends StoredDoc { personalId: string }

/** What the listing of waiting records reads of an entry; the normalizer stores its whole pending event. */
export interface WaitingEntry {
  entity: CanonicalEntity
  rawEventId: string
  source: { system: string, ingestTime: string }
}

export interface UnresolvedDoc<E extends WaitingEntry = WaitingEntry> extends StoredDoc {
  kind: LegacyKeyKind
  value: string
  since: string
  entries: E[]
}

/** Writes the links learned in a batch that the store does not hold yet (or holds otherwise). */
export async function saveLegacyLinks (
  store: Store, learned: Map<string, string>, known: Map<string, LegacyLinkDoc>
): Promise<void> {
  const writes: VersionedWrite[] = []
  for (const [id, personalId] of learned) {
    const current = known.get(id)
    if (current?.personalId === personalId) continue
    const version = current?.version ?? null
    writes.push({ doc: { _id: id, version: (version ?? 0) + 1, personalId }, expectedVersion: version })
  }
  if (writes.length > 0) await store.bulkUpsert('id_links', writes)
}

/** The personal id a legacy CMND belongs to: the normalizer's id link, else the one live person naming it. */
export async function personOfCmnd (store: Store, cmnd: string): Promise<string | undefined> {
  const link = await store.get('id_links', legacyKeyId('cmnd', cmnd))
  if (typeof link?.personalId === 'string') return link.personalId
  const where = { 'fields.legacyCmnd': cmnd, deleted: false }
  const named = (await store.find(goldenCollection.person, { where, limit: 2 }))
    .map(viewOf).filter((v): v is RecordView => v !== undefined && !v.deleted)
  return named.length === 1 ? named[0].entityId : undefined
}

/** Waiting groups in `_id` order, after the given group id; `limit` of them at most. */
export async function unresolvedGroups (
  store: Store, { after, limit }: { after?: string, limit: number }
): Promise<UnresolvedDoc[]> {
  const from = after !== undefined ? { after: { value: after, id: after } } : {}
  return await store.find('unresolved', { orderBy: { field: '_id' }, ...from, limit }) as UnresolvedDoc[]
}
