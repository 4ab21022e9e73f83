// asOf reads: the version the hub knew at a time comes from history; validFrom is the newest
// ingest time of the events applied, so a rebuild answers the same.
import t from 'tap'
import { readAsOf } from '../../../records/reader.js'
import { parseAsOf } from '../../../gateway/read/as-of.js'
import { canonicalEvent, harness } from './fixtures.js'

const id = '092085001234'

t.test('parseAsOf: dates mean the end of that day in Vietnam time; nonsense is refused', async t => {
  t.equal(parseAsOf('2026-01-01'), '2026-01-01T16:59:59.999Z')
  t.equal(parseAsOf('2026-01-01T08:00:00+07:00'), '2026-01-01T01:00:00.000Z')
  t.equal(parseAsOf('2026-01-01T01:00Z'), '2026-01-01T01:00:00.000Z')
  t.equal(parseAsOf('2026-02-30'), undefined)
  t.equal(parseAsOf('2026-01-01T25:00:00Z'), undefined)
  t.equal(parseAsOf('yesterday'), undefined)
  t.equal(parseAsOf('2026-01-01T08:00:00'), undefined, 'a time without a zone is ambiguous')
})

t.test('readAsOf answers what the hub knew then', async t => {
  const h = harness()
  // Ingested at 00:01:05, 00:10:05 and 02:00:05.
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'Nguyễn Văn An' } })])
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 10, fields: { fullName: 'Nguyễn Văn Anh' } })])
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 120, op: 'delete' })])
  t.equal(await readAsOf(h.store, 'person', id, '2026-01-01T00:01:04.999Z'), undefined,
    'before the first ingest: nothing')
  t.equal((await readAsOf(h.store, 'person', id, '2026-01-01T00:01:05.000Z'))?.fields.fullName, 'Nguyễn Văn An',
    'validFrom itself is included')
  t.equal((await readAsOf(h.store, 'person', id, '2026-01-01T00:09:00.000Z'))?.version, 1)
  t.equal((await readAsOf(h.store, 'person', id, '2026-01-01T01:00:00.000Z'))?.fields.fullName, 'Nguyễn Văn Anh')
  t.equal((await readAsOf(h.store, 'person', id, '2026-01-02T00:00:00.000Z'))?.deleted, true, 'later: the tombstone')
  t.equal(await readAsOf(h.store, 'person', '092085009999', '2026-01-02T00:00:00.000Z'), undefined,
    'another record is not mixed in')
})

t.test('a late-arriving older event never moves validFrom backwards', async t => {
  const h = harness()
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 10, fields: { fullName: 'A' } })])
  await h.apply([canonicalEvent({ system: 'cu-tru', at: 1, ingestAfter: 1, fields: { phone: '0912000001' } })])
  const history = await h.store.find('history',
    { where: { recordKey: `person:${id}` }, orderBy: { field: '_id' }, limit: 10 })
  t.same(history.map(x => x.validFrom), ['2026-01-01T00:10:05.000Z', '2026-01-01T00:10:05.000Z'])
  t.equal((await readAsOf(h.store, 'person', id, '2026-01-01T00:10:05.000Z'))?.version, 2, 'the later _id wins a tie')
})
