// A will is secret until its testator dies (docs/sources/notarization.md): a notarized will is
// released only once civil status has registered the death of every testator it names by personal
// id. A will whose testator is named only by CMND, or not at all, stays sealed: the hub cannot tell
// that the testator has died. Every read that releases notarizations filters them through here.
import type { Store } from '../infra/ports/store.js'
import type { RecordView } from './golden-record.js'
import { readMany } from './reader.js'

const isWill = (v: RecordView): boolean => v.entity === 'notarization' && v.fields.transactionType === 'will'

function testatorIds (v: RecordView): string[] {
  const parties = Array.isArray(v.fields.parties)
    ? v.fields.parties as Array<{ role?: unknown, personalId?: unknown }>
    : []
  const testators = parties.filter(p => p?.role === 'testator')
  return testators.every(p => typeof p.personalId === 'string') ? testators.map(p => p.personalId as string) : []
}

/** The views that may be released: every one but a will whose testators are not all dead per civil status. */
export async function releasableNotarizations (store: Store, views: RecordView[]): Promise<RecordView[]> {
  const wills = views.filter(isWill)
  if (wills.length === 0) return views
  const persons = await readMany(store, 'person', [...new Set(wills.flatMap(testatorIds))])
  const dead = (id: string): boolean => {
    const p = persons.get(id)
    return p !== undefined && typeof p.fields.dateOfDeath === 'string'
  }
  return views.filter(v => {
    if (!isWill(v)) return true
    const ids = testatorIds(v)
    return ids.length > 0 && ids.every(dead)
  })
}
