// Deletes: a delete removes that source's contributions; the record is a versioned tombstone when
// no source holds it; a newer upsert resurrects it; an upsert older than the delete stays dead.
import t from 'tap'
import type { GoldenRecord } from '../../../records/golden-record.js'
import { readVersions } from '../../../records/reader.js'
import { canonicalEvent, harness } from './fixtures.js'

const id = '092085001234'

t.test('delete, tombstone and resurrection', async t => {
  const h = harness()
  const get = async (): Promise<GoldenRecord> => await h.store.get('persons', id) as GoldenRecord
  await h.apply([
    canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'Nguyễn Văn An' } }),
    canonicalEvent({ system: 'cu-tru', at: 2, fields: { fullName: 'Nguyễn Văn Ân', householdId: 'HO-31135-000123' } })
  ])
  await h.apply([canonicalEvent({ system: 'cu-tru', at: 3, op: 'delete' })])
  let doc = await get()
  t.equal(doc.deleted, false, 'civil status still holds it')
  // maritalStatus: civil status holds the person and no marriage: single, derived (survivorship.json absentMeans).
  t.same(doc.fields, { fullName: 'Nguyễn Văn An', maritalStatus: 'single' }, 'residence contributions gone')
  t.same(doc.links, {}, 'and the household link with them')
  t.match(doc.sources['cu-tru'], { holds: false, deletedAt: '2026-01-01T00:03:00.000Z' })

  await h.apply([canonicalEvent({ system: 'ho-tich', at: 4, op: 'delete' })])
  doc = await get()
  t.equal(doc.deleted, true, 'tombstone when no source holds it')
  t.same(doc.fields, {})
  const tombstoneVersion = doc.version

  await h.apply([canonicalEvent({ system: 'ho-tich', at: 2, fields: { fullName: 'Old' } })])
  t.equal((await get()).deleted, true, 'an upsert older than the delete does not resurrect')

  await h.apply([canonicalEvent({ system: 'cu-tru', at: 6, fields: { householdId: 'HO-31135-000999' } })])
  doc = await get()
  t.equal(doc.deleted, false, 'a newer upsert resurrects')
  t.same(doc.fields, { householdId: 'HO-31135-000999' })
  t.ok(doc.version > tombstoneVersion)
  const history = await readVersions(h.store, 'person', id)
  t.same(history.map(x => x.deleted), history.map((_x, i) => i + 1 >= tombstoneVersion && i + 1 < doc.version),
    'history keeps the tombstone versions')
})

t.test('a delete arriving before the upserts it follows gives the same tombstone', async t => {
  const a = harness()
  const b = harness()
  const up = canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'A' }, id: 'u' })
  const del = canonicalEvent({ system: 'ho-tich', at: 2, op: 'delete', id: 'd' })
  await a.apply([up, del])
  await b.apply([del, up])
  const [x, y] = [await a.store.get('persons', id) as GoldenRecord, await b.store.get('persons', id) as GoldenRecord]
  t.equal(x.deleted, true)
  t.same({ ...y, version: 0, appliedAt: '' }, { ...x, version: 0, appliedAt: '' })
})
