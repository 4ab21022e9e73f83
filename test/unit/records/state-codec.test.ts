// The stored merge state: lossless, byte-for-byte the same whatever order the fields were set in,
// much smaller than the in-memory form, and records stored before the encoding still merge.
import t from 'tap'
import { canonicalJson } from '../../../infra/shared/canonical-json.js'
import { foldEvent, type MergeEvent } from '../../../consumers/merger/fold.js'
import { decodeState, encodeState } from '../../../records/state-codec.js'
import type { GoldenRecord, SourceState } from '../../../records/golden-record.js'
import { canonicalEvent, harness } from '../merger/fixtures.js'

const event = (system: string, minute: number, fields: Record<string, unknown>,
  op: 'upsert' | 'delete' = 'upsert'): MergeEvent => ({
  // Shaped like a connector's event id: long, and repeated on every field before the encoding.
  id: `${system}:persons:092085001234:${new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()}#person:092085001234`,
  entity: 'person', entityId: '092085001234', op, system, connector: `${system}-c`, connectorVersion: '1.2.0',
  sourceKey: `${system}-key`, sourceTime: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  ingestTime: new Date(Date.UTC(2026, 0, 1, 0, minute, 5)).toISOString(),
  position: String(minute).padStart(8, '0'), fields
})

const fold = (events: MergeEvent[]): Record<string, SourceState> => events.reduce(foldEvent, {})

const person = { fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', sex: 'M', ethnicity: 'Kinh', nationality: 'VN',
  phone: '0912000001', legacyCmnd: '398074002', householdId: 'HO-31135-000123',
  permanentAddress: { line: '12 Hòa Bình', wardCode: '31135' } }
const events = [
  event('ho-tich', 1, person),
  event('ho-tich', 3, { phone: '0912000002', fullName: 'Nguyễn Văn Ân' }),
  event('cu-tru', 2, { permanentAddress: { line: '14 Hòa Bình', wardCode: '31135' }, householdId: 'HO-31135-000124' }),
  event('bhyt', 4, { fullName: 'NGUYEN VAN AN' }),
  event('bhyt', 5, {}, 'delete')
]

t.test('decode(encode(state)) is the state', async t => {
  const state = fold(events)
  t.same(decodeState(encodeState(state)), state)
  t.same(decodeState(JSON.parse(JSON.stringify(encodeState(state)))), state,
    'also after a trip through JSON, as the store makes it')
})

t.test('the encoding depends on the content only, not on the order fields and events came in', async t => {
  const forward = JSON.stringify(encodeState(fold(events)))
  const backward = JSON.stringify(encodeState(fold([...events].reverse())))
  t.equal(backward, forward, 'the same bytes')
})

t.test('each source lists its events once; fields name them by index', async t => {
  const stored = encodeState(fold(events))
  t.same(stored['ho-tich'].events.map(e => e.sourceTime), ['2026-01-01T00:01:00.000Z', '2026-01-01T00:03:00.000Z'])
  t.same(stored['ho-tich'].fields.phone, { value: '0912000002', event: 1 })
  t.same(stored['ho-tich'].fields.sex, { value: 'M', event: 0 })
  const before = JSON.stringify(fold(events)).length
  const after = JSON.stringify(stored).length
  t.ok(after < before * 0.7, `stored ${after} bytes against ${before}`)
})

t.test('a state stored before the encoding is read as it is; a broken index is refused', async t => {
  const legacy = fold(events)
  t.same(decodeState(legacy), legacy)
  const stored = encodeState(fold(events))
  stored['cu-tru'].fields.householdId.event = 7
  t.throws(() => decodeState(stored), /field householdId names event 7 of 1/)
})

t.test('a golden record stored with the old state goes on merging to the same result', async t => {
  const later =
    canonicalEvent({ system: 'cu-tru', at: 30, fields: { phone: '0912000009', householdId: 'HO-31135-000200' } })
  const first = [canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'Nguyễn Văn An',
    birthDate: '1985-03-15', phone: '0912000001' } }),
    canonicalEvent({ system: 'cu-tru', at: 2, fields: { householdId: 'HO-31135-000123' } })]
  const fresh = harness()
  const old = harness()
  t.teardown(async () => { await fresh.store.close(); await old.store.close() })
  for (const h of [fresh, old]) await h.apply(first)
  // Rewrite the record as an earlier merger stored it: the state in memory form.
  const stored = await old.store.get('persons', '092085001234') as GoldenRecord
  t.ok(Array.isArray((stored.state['ho-tich'] as { events?: unknown }).events), 'written in the stored encoding')
  const legacy = { ...stored, version: stored.version + 1, state: decodeState(stored.state) }
  t.same((await old.store.bulkUpsert('persons', [{ doc: legacy, expectedVersion: stored.version }])).applied,
    ['092085001234'])
  for (const h of [fresh, old]) await h.apply([later])
  const strip = (doc: GoldenRecord | undefined): string => {
    const { version: _v, appliedAt: _a, ...rest } = doc as GoldenRecord
    return canonicalJson(rest)
  }
  t.equal(strip(await old.store.get('persons', '092085001234') as GoldenRecord),
    strip(await fresh.store.get('persons', '092085001234') as GoldenRecord))
})
