// Conflicts: found when sources disagree on a field, flagged on the record, updated while they
// keep disagreeing, resolved when they agree again (or one stops holding the record), reopened.
import t from 'tap'
import type { ConflictDoc, GoldenRecord } from '../../../records/golden-record.js'
import { canonicalEvent, harness } from './fixtures.js'

const id = '092085001234'
const conflictOf = async (h: ReturnType<typeof harness>, field: string): Promise<ConflictDoc | undefined> =>
  await h.store.get('conflicts', `person:${id}:${field}`) as ConflictDoc | undefined

t.test('a disagreement opens a conflict, agreement resolves it, a new one reopens it', async t => {
  const h = harness()
  await h.apply([
    canonicalEvent({ system: 'ho-tich', at: 1, fields: { birthDate: '1985-03-14', sex: 'male' } }),
    canonicalEvent({ system: 'cu-tru', at: 3, fields: { birthDate: '1985-03-15', sex: 'male' } })
  ])
  let doc = await h.store.get('persons', id) as GoldenRecord
  t.same(doc.conflicts, { birthDate: { sourceSystems: ['cu-tru', 'ho-tich'], since: '2026-01-01T00:03:00.000Z' } },
    'flagged on the record, sex agrees')
  t.equal(doc.fields.birthDate, '1985-03-14', 'civil status still wins the field')
  let c = await conflictOf(h, 'birthDate')
  t.match(c, {
    entity: 'person', entityId: id, field: 'birthDate', status: 'open', chosenSourceSystem: 'ho-tich',
    since: '2026-01-01T00:03:00.000Z', detectedAt: '2026-01-01T00:03:05.000Z',
    values: [
      { sourceSystem: 'cu-tru', value: '1985-03-15', since: '2026-01-01T00:03:00.000Z' },
      { sourceSystem: 'ho-tich', value: '1985-03-14', since: '2026-01-01T00:01:00.000Z' }
    ],
    involves: { cu_tru: true, ho_tich: true }
  })
  t.equal(await conflictOf(h, 'sex'), undefined, 'no conflict where sources agree')

  await h.apply([canonicalEvent({ system: 'bhyt', at: 4, fields: { birthDate: '1985-01-01' } })])
  c = await conflictOf(h, 'birthDate')
  t.equal(c?.values.length, 3, 'a third source joins the open conflict')
  t.equal(c?.detectedAt, '2026-01-01T00:03:05.000Z', 'still the same conflict')

  await h.apply([
    canonicalEvent({ system: 'cu-tru', at: 5, fields: { birthDate: '1985-03-14' } }),
    canonicalEvent({ system: 'bhyt', at: 6, op: 'delete' })
  ])
  c = await conflictOf(h, 'birthDate')
  t.equal(c?.status, 'resolved')
  t.equal(c?.resolvedAt, '2026-01-01T00:06:05.000Z', 'resolved when the hub learned they agree')
  doc = await h.store.get('persons', id) as GoldenRecord
  t.same(doc.conflicts, {}, 'flag gone')

  await h.apply([canonicalEvent({ system: 'cu-tru', at: 8, fields: { birthDate: '1986-03-14' } })])
  c = await conflictOf(h, 'birthDate')
  t.equal(c?.status, 'open', 'reopened')
  t.equal(c?.resolvedAt, undefined)
  t.equal(c?.detectedAt, '2026-01-01T00:08:05.000Z')
})

t.test('every injected conflict is found', async t => {
  const h = harness()
  const injected = ['fullName', 'birthDate', 'placeOfBirth', 'phone', 'occupation']
  const civil = { fullName: 'Lê Thị Hoa', birthDate: '1990-01-02', placeOfBirth: 'Cần Thơ', phone: '0912000001',
    occupation: 'Nông dân', sex: 'female' }
  const residence: Record<string, unknown> = { ...civil }
  for (const f of injected) residence[f] = `${String(civil[f as keyof typeof civil])}-khác`
  await h.apply([
    canonicalEvent({ system: 'ho-tich', at: 1, fields: civil }),
    canonicalEvent({ system: 'cu-tru', at: 2, fields: residence })
  ])
  const found = (await h.store.find('conflicts', { where: { status: 'open' }, limit: 100 })).map(c => c.field).sort()
  t.same(found, [...injected].sort())
})
