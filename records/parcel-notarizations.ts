// The notarized transactions on a land parcel, for the parcel's read: those whose property names the
// parcel id (links.parcel<i>) and those that name the serial of a certificate covering the parcel
// (links.certificate), since a contract typed with a wrong parcel number still names its
// certificate. Equality finds on link keys (links.ts), bounded; live records only, in id order.
import type { Store, StoredDoc } from '../infra/ports/store.js'
import { goldenCollection, type RecordView } from './golden-record.js'
import { PARCEL_SLOTS, parcelSlot } from './links.js'
import { viewOf } from './reader.js'

const slots = Array.from({ length: PARCEL_SLOTS }, (_v, i) => parcelSlot(i))

export async function notarizationsOnParcel (store: Store, parcelId: string, limit = 100): Promise<RecordView[]> {
  const certificates = (await Promise.all(slots.map(async field =>
    await store.find(
      goldenCollection['land-use-certificate'], { where: { [field]: parcelId, deleted: false }, limit: 10 }
    )))).flat()
  const serials = [...new Set(certificates.map(c => c._id))]
  const collection = goldenCollection.notarization
  const found = await Promise.all([
    ...slots.map(async field => await store.find(collection, { where: { [field]: parcelId, deleted: false }, limit })),
    ...serials.map(
      async serial => await store.find(collection, { where: { 'links.certificate': serial, deleted: false }, limit })
    )
  ])
  const byId = new Map<string, StoredDoc>(found.flat().map(doc => [doc._id, doc]))
  return [...byId.keys()].sort().slice(0, limit)
    .map(id => viewOf(byId.get(id) as StoredDoc))
    .filter((v): v is RecordView => v !== undefined && !v.deleted)
}
