// Who the benchmark asks about, read back from the seeded store (never from the generator's
// truth), so every lookup names a record the store really holds: every live person's id, and
// mother/father pairs whose household and health-insurance card the store holds, for prefill.
import type { Store } from '../../infra/ports/store.js'
import { MAX_FIND_LIMIT } from '../../infra/ports/store.js'
import { linkedRecords, readCurrent } from '../../records/reader.js'
import { seededRandom } from '../../sim/random.js'

export interface PrefillSubject { mother: string, father: string, householdId: string }
export interface Subjects { personIds: string[], prefill: PrefillSubject[] }

/** Every live golden person, paged by `_id`. */
export async function livePersonIds (store: Store): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  for (;;) {
    const page = await store.find('persons', { orderBy: { field: '_id' }, limit: MAX_FIND_LIMIT,
      ...(after !== undefined ? { after: { value: after, id: after } } : {}) })
    for (const doc of page) if (doc.deleted !== true) ids.push(doc._id)
    if (page.length < MAX_FIND_LIMIT) return ids
    after = page[page.length - 1]._id
  }
}

/** Couples (head and spouse) living together, where the mother holds a card: all four prefill reads find data. */
export async function prefillSubjects (store: Store, personIds: string[], wanted: number,
  seed: number): Promise<PrefillSubject[]> {
  const random = seededRandom(seed)
  const out: PrefillSubject[] = []
  const seen = new Set<string>()
  for (let tries = 0; out.length < wanted && tries < wanted * 40; tries++) {
    const person = await readCurrent(store, 'person', random.pick(personIds))
    const householdId = person?.fields.householdId
    if (typeof householdId !== 'string' || seen.has(householdId)) continue
    seen.add(householdId)
    const household = await readCurrent(store, 'household', householdId)
    const members = (household?.fields.members ?? []) as Array<{ personalId: string, relationToHead: string }>
    const couple = members.filter(m => m.relationToHead === '01' || m.relationToHead === '02')
    if (couple.length !== 2) continue
    const people = await Promise.all(couple.map(async m => await readCurrent(store, 'person', m.personalId)))
    const mother = people.find(p => p?.fields.sex === 'female' && !p.deleted)
    const father = people.find(p => p?.fields.sex === 'male' && !p.deleted)
    if (mother === undefined || father === undefined) continue
    if ((await linkedRecords(store, 'health-insurance-card', mother.entityId)).length === 0) continue
    out.push({ mother: mother.entityId, father: father.entityId, householdId })
  }
  return out
}
