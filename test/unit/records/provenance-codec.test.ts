// Stored provenance: lossless, independent of the order fields were derived in, smaller than the
// expanded form, and provenance stored before the encoding is read as it is, by current reads and
// by asOf reads from history.
import t from 'tap'
import { decodeProvenance, encodeProvenance } from '../../../records/provenance-codec.js'
import type { FieldProvenance, GoldenRecord, HistoryDoc } from '../../../records/golden-record.js'
import { readAsOf, readCurrent } from '../../../records/reader.js'
import { canonicalEvent, harness } from '../merger/fixtures.js'

const from = (system: string, minute: number, rule: FieldProvenance['rule'] = 'authoritative'): FieldProvenance => ({
  sourceSystem: system, sourceKey: `${system}-092085001234`,
  sourceTime: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  ingestTime: new Date(Date.UTC(2026, 0, 1, 0, minute, 5)).toISOString(), connector: `${system}-connector`,
  connectorVersion: '1.0.0',
  eventId: `${system}:persons:092085001234:${minute}#person:092085001234`, rule
})

const provenance: Record<string, FieldProvenance> = {
  fullName: from('ho-tich', 1), birthDate: from('ho-tich', 1), sex: from('ho-tich', 1), ethnicity: from('ho-tich', 1),
  permanentAddress: from('cu-tru', 2), householdId: from('cu-tru', 2), phone: from('bhyt', 3, 'newest')
}

t.test('decode(encode(p)) is p, also through JSON; the order of fields does not change the bytes', async t => {
  const stored = encodeProvenance(provenance)
  t.same(decodeProvenance(stored), provenance)
  t.same(decodeProvenance(JSON.parse(JSON.stringify(stored))), provenance)
  const reversed = Object.fromEntries(Object.entries(provenance).reverse())
  t.equal(JSON.stringify(encodeProvenance(reversed)), JSON.stringify(stored))
  t.equal(stored.events.length, 3, 'one entry per event')
  t.same(stored.fields.phone, { event: stored.events.findIndex(e => e.sourceSystem === 'bhyt'), rule: 'newest' })
  const [after, before] = [JSON.stringify(stored).length, JSON.stringify(provenance).length]
  t.ok(after < before * 0.6, `stored ${after} bytes against ${before}`)
})

t.test('expanded provenance (written before the encoding) is read as it is; a broken index is refused', async t => {
  t.same(decodeProvenance(provenance), provenance)
  const stored = encodeProvenance(provenance)
  stored.fields.sex.event = 9
  t.throws(() => decodeProvenance(stored), /field sex names event 9 of 3/)
})

t.test('current and asOf reads expand it, and read old records the same way', async t => {
  const h = harness()
  t.teardown(async () => await h.store.close())
  const id = '092085001234'
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 1,
    fields: { fullName: 'Nguyễn Văn An', birthDate: '1985-03-15' } })])
  await h.apply([canonicalEvent({ system: 'cu-tru', at: 2, fields: { householdId: 'HO-31135-000123' } })])
  const current = await readCurrent(h.store, 'person', id)
  t.equal(current?.provenance.fullName.sourceSystem, 'ho-tich')
  t.equal(current?.provenance.householdId.sourceSystem, 'cu-tru')
  const stored = await h.store.get('persons', id) as GoldenRecord
  t.ok(Array.isArray((stored.provenance as { events?: unknown }).events), 'stored compact')
  const past = await readAsOf(h.store, 'person', id, '2026-01-01T00:01:30.000Z')
  // maritalStatus is derived from civil status holding the person with no marriage (survivorship.json absentMeans).
    t.same(Object.keys(past?.provenance ?? {}).sort(), ['birthDate', 'fullName', 'maritalStatus'],
      'the first version, from history')
  t.equal(past?.provenance.birthDate.sourceKey, `ho-tich-${id}`)
  // Rewrite both as an earlier merger stored them: expanded.
  const [first] = await h.store.find('history',
    { where: { recordKey: `person:${id}` }, orderBy: { field: 'recordVersion' }, limit: 1 }) as HistoryDoc[]
  // History then held a view snapshot per version (no event), its provenance expanded.
  const { event: _event, state: _state, ...entry } = first
  await h.store.bulkUpsert('history',
    [{ doc: { ...entry, version: first.version + 1, record: past }, expectedVersion: first.version }])
  await h.store.bulkUpsert('persons', [{ doc: { ...stored, version: stored.version + 1,
    provenance: decodeProvenance(stored.provenance) }, expectedVersion: stored.version }])
  t.same((await readCurrent(h.store, 'person', id))?.provenance, current?.provenance)
  t.same((await readAsOf(h.store, 'person', id, '2026-01-01T00:01:30.000Z'))?.provenance, past?.provenance)
})
