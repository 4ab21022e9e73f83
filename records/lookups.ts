// Golden records found by the other keys real work needs, each an equality find on stored fields
// or link keys: a health-insurance card by its number, persons by name and birth date in a ward.
// (The person behind a legacy CMND is in legacy-ids.ts.)
import type { Store, StoredDoc } from '../infra/ports/store.js'
import { goldenCollection, type RecordView } from './golden-record.js'
import { nameDobKey } from './links.js'
import { viewOf } from './reader.js'

const live = (docs: Iterable<StoredDoc>): RecordView[] =>
  [...docs].map(viewOf).filter((v): v is RecordView => v !== undefined && !v.deleted)

/**
 * Live cards with this number: keyed by it (the BHYT connector keys cards by the social-insurance
 * number, other sources by the printed card number), or carrying it as card number or as
 * social-insurance number (the last 10 characters of an old card). Each card once.
 */
export async function healthCardsByNumber (
  store: Store, cardNumber: string, socialInsuranceNumber: string
): Promise<RecordView[]> {
  const cards = goldenCollection['health-insurance-card']
  const [byId, byNumber, bySsn] = await Promise.all([
    store.getMany(cards, [...new Set([socialInsuranceNumber, cardNumber])]),
    store.find(cards, { where: { 'fields.cardNumber': cardNumber, deleted: false }, limit: 10 }),
    store.find(cards, { where: { 'fields.socialInsuranceNumber': socialInsuranceNumber, deleted: false }, limit: 10 })
  ])
  return live(new Map([...byId.values(), ...byNumber, ...bySsn].map(d => [d._id, d])).values())
}

export interface PersonSearch { fullName: string, birthDate: string, wardCode: string, sex?: string }

/** Live persons of a ward sharing a name (folded as sources disagree on it) and a birth date, in id order. */
export async function personsByNameDob (
  store: Store, { fullName, birthDate, wardCode, sex }: PersonSearch, limit: number
): Promise<RecordView[]> {
  const docs = await store.find(goldenCollection.person, {
    where: {
      'links.nameDob': nameDobKey(fullName, birthDate),
      'fields.permanentAddress.wardCode': wardCode,
      deleted: false,
      ...(sex !== undefined ? { 'fields.sex': sex } : {})
    },
    orderBy: { field: '_id' },
    limit
  })
  return docs.map(viewOf).filter((v): v is RecordView => v !== undefined)
}
