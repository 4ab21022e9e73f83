// A page of the live records of an entity that name a person in one of their `links.person<i>`
// slots, in `_id` order. Each slot is one equality find bounded by the page (limit + 1 after the
// cursor), so the page is exact however many records the person holds: the smallest limit + 1 ids
// of the union are among the smallest limit + 1 of each slot.
import type { Store, StoredDoc } from '../infra/ports/store.js'
import type { CanonicalEntity } from '../schemas/canonical-event.js'
import { goldenCollection, personLinkSlots, personSlot, type RecordView } from './golden-record.js'
import { viewOf } from './reader.js'

/** Up to limit + 1 views after `afterId`; the caller pages them with sealedPageOf. */
export async function linkedPage (
  store: Store, entity: CanonicalEntity, personalId: string, limit: number, afterId?: string
): Promise<RecordView[]> {
  const slots = Array.from({ length: personLinkSlots[entity] }, (_v, i) => personSlot(i))
  const found = await Promise.all(slots.map(async field => await store.find(goldenCollection[entity], {
    where: { [field]: personalId, deleted: false },
    orderBy: { field: '_id' },
    limit: limit + 1,
    ...(afterId !== undefined ? { after: { value: afterId, id: afterId } } : {})
  })))
  const byId = new Map<string, StoredDoc>(found.flat().map(doc => [doc._id, doc]))
  return [...byId.keys()].sort().slice(0, limit + 1)
    .map(id => viewOf(byId.get(id) as StoredDoc))
    .filter((v): v is RecordView => v !== undefined && !v.deleted)
}
