// Survivorship: the authoritative source wins when it holds a value, else the newest source time,
// ties broken by source system name then event id; the rules file is validated at load.
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { authorityFor, loadSurvivorship, parseSurvivorship } from '../../../consumers/merger/survivorship.js'
import type { GoldenRecord, RecordView } from '../../../records/golden-record.js'
import { viewOf } from '../../../records/reader.js'
import { canonicalEvent, harness } from './fixtures.js'

const id = '092085001234'
// As readers see it (viewOf expands the stored provenance).
const person = async (h: ReturnType<typeof harness>): Promise<RecordView> =>
  viewOf(await h.store.get('persons', id) as GoldenRecord) as RecordView

t.test('the bundled rules load and name the authorities the issue asks for', async t => {
  const rules = loadSurvivorship()
  t.equal(authorityFor(rules, 'person', 'fullName'), 'ho-tich')
  t.equal(authorityFor(rules, 'person', 'permanentAddress'), 'cu-tru')
  t.equal(authorityFor(rules, 'person', 'phone'), undefined, 'no authority: newest wins')
  t.equal(authorityFor(rules, 'land-parcel', 'areaM2'), 'dat-dai', '* covers every field')
  t.equal(authorityFor(rules, 'health-insurance-card', 'validTo'), 'bhyt')
  t.equal(authorityFor(rules, 'business-household', 'status'), 'dang-ky-kinh-doanh')
})

t.test('invalid rules are refused with where they went wrong', async t => {
  t.throws(() => parseSurvivorship({ entities: { person: { fullName: 'Hộ Tịch' } } }),
    { code: 'LT_ERR_SURVIVORSHIP', message: /\/entities\/person\/fullName/ })
  t.throws(() => parseSurvivorship({ entities: { citizen: {} } }), { message: /additional/ })
  t.throws(() => parseSurvivorship({}), { message: /entities/ })
  const dir = t.testdir({ 'bad.json': '{ not json' })
  t.throws(() => loadSurvivorship(join(dir, 'bad.json')), { code: 'LT_ERR_SURVIVORSHIP', message: /cannot read/ })
  const good = join(dir, 'good.json')
  writeFileSync(good, JSON.stringify({ entities: { person: { '*': 'cu-tru' } } }))
  t.equal(authorityFor(loadSurvivorship(good), 'person', 'fullName'), 'cu-tru')
})

t.test('the authoritative source wins even when another source is newer', async t => {
  const h = harness()
  await h.apply([
    canonicalEvent({ system: 'ho-tich', at: 1,
      fields: { fullName: 'Nguyễn Văn An', permanentAddress: { line: 'A', wardCode: '31135' } } }),
    canonicalEvent({ system: 'cu-tru', at: 9,
      fields: { fullName: 'Nguyễn Văn Ân', permanentAddress: { line: 'B', wardCode: '31135' } } })
  ])
  const doc = await person(h)
  t.equal(doc.fields.fullName, 'Nguyễn Văn An', 'identity from civil status')
  t.equal(doc.provenance.fullName.sourceSystem, 'ho-tich')
  t.equal(doc.provenance.fullName.rule, 'authoritative')
  t.same(doc.fields.permanentAddress, { line: 'B', wardCode: '31135' }, 'address from residence')
  t.equal(doc.provenance.permanentAddress.rule, 'authoritative')
  t.match(doc.provenance.fullName, { sourceKey: `ho-tich-${id}`, connector: 'ho-tich-connector',
    connectorVersion: '1.0.0', sourceTime: '2026-01-01T00:01:00.000Z', ingestTime: '2026-01-01T00:01:05.000Z' })
})

t.test('without an authority (or when it holds no value) the newest source time wins', async t => {
  const h = harness()
  await h.apply([
    canonicalEvent({ system: 'bhyt', at: 5, fields: { phone: '0912000001', fullName: 'Nguyen Van An' } }),
    canonicalEvent({ system: 'cu-tru', at: 7, fields: { phone: '0912000002' } }),
    canonicalEvent({ system: 'dat-dai', at: 3, fields: { phone: '0912000003' } })
  ])
  const doc = await person(h)
  t.equal(doc.fields.phone, '0912000002')
  t.equal(doc.provenance.phone.rule, 'newest')
  t.equal(doc.fields.fullName, 'Nguyen Van An', 'civil status holds no name yet: the only value stands')
  t.equal(doc.provenance.fullName.rule, 'newest')
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'Nguyễn Văn An' } })])
  t.equal((await person(h)).fields.fullName, 'Nguyễn Văn An', 'an older authoritative value still wins')
})

t.test('without civil status, ' +
  'a newer spelling without diacritics does not replace the same name with them', async t => {
  const h = harness()
  await h.apply([
    canonicalEvent({ system: 'cu-tru', at: 2, fields: { fullName: 'Nguyễn Minh Tuấn', givenName: 'Tuấn' } }),
    canonicalEvent({ system: 'bhyt', at: 8,
      fields: { fullName: 'Nguyen Minh Tuan', givenName: 'Tuan', phone: '0912000001' } })
  ])
  const doc = await person(h)
  t.equal(doc.fields.fullName, 'Nguyễn Minh Tuấn', 'the marked spelling of the same name stays')
  t.equal(doc.fields.givenName, 'Tuấn')
  t.match(doc.provenance.fullName, { sourceSystem: 'cu-tru', rule: 'diacritics' })
  t.same(doc.conflicts, {}, 'the two agree: no conflict')
  await h.apply([canonicalEvent({ system: 'bhyt', at: 9, fields: { fullName: 'Nguyen Minh Tam' } })])
  const renamed = await person(h)
  t.equal(renamed.fields.fullName, 'Nguyen Minh Tam', 'a different name is not held back by the marks')
  t.equal(renamed.provenance.fullName.rule, 'newest')
})

t.test('civil status holding the person and no marriage: single, derived from the register', async t => {
  const h = harness()
  await h.apply([
    canonicalEvent({ system: 'ho-tich', at: 1,
      fields: { personalId: id, fullName: 'Lê Văn Nam', birthDate: '1990-01-01', sex: 'male' } }),
    canonicalEvent({ entityId: '092190009999', system: 'cu-tru', at: 1, fields: { fullName: 'Trần Thị Lan' } })
  ])
  const single = await person(h)
  t.equal(single.fields.maritalStatus, 'single')
  t.match(single.provenance.maritalStatus,
    { sourceSystem: 'ho-tich', rule: 'derived', sourceTime: '2026-01-01T00:01:00.000Z', sourceKey: `ho-tich-${id}` })
  const unknown = viewOf(await h.store.get('persons', '092190009999') as GoldenRecord) as RecordView
  t.equal(unknown.fields.maritalStatus, undefined, 'civil status does not hold her: unknown, not single')
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 5, fields: { personalId: id, maritalStatus: 'married' } })])
  const married = await person(h)
  t.equal(married.fields.maritalStatus, 'married', 'a registered marriage')
  t.equal(married.provenance.maritalStatus.rule, 'authoritative')
})

t.test('equal source times: source system name, then event id, decide', async t => {
  const h = harness()
  await h.apply([
    canonicalEvent({ system: 'dat-dai', at: 4, fields: { phone: '0912000003' } }),
    canonicalEvent({ system: 'bhyt', at: 4, fields: { phone: '0912000001' } })
  ])
  t.equal((await person(h)).fields.phone, '0912000001', 'bhyt sorts before dat-dai')
  t.equal((await person(h)).provenance.phone.sourceSystem, 'bhyt')
})

t.test('a null value is no value: it neither survives nor conflicts', async t => {
  const h = harness()
  await h.apply([
    canonicalEvent({ system: 'bhyt', at: 1, fields: { phone: '0912000001' } }),
    canonicalEvent({ system: 'cu-tru', at: 2, fields: { phone: null } })
  ])
  const doc = await person(h)
  t.equal(doc.fields.phone, '0912000001')
  t.same(doc.conflicts, {})
})
