// The merger end to end on the embedded adapters: canonical events published on the event log
// are folded by the consumer group into golden records, history and conflicts, and read back
// through the gateway (behind its access control) with links, freshness, asOf and conflict lists.
import t from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { canonicalTopic, type CanonicalEvent } from '../../../schemas/canonical-event.js'
import { householdSchema } from '../../../schemas/household.js'
import { landParcelSchema } from '../../../schemas/land-parcel.js'
import { healthInsuranceCardSchema } from '../../../schemas/health-insurance-card.js'
import { businessHouseholdSchema } from '../../../schemas/business-household.js'
import { startMerger } from '../../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { buildGateway } from '../../../gateway/app.js'
import { putGrant } from '../../../gateway/security/grants.js'
import { grantableEntities, type EntityName } from '../../../gateway/security/entities.js'
import { BOOTSTRAP_OPERATOR } from '../../../gateway/security/authenticator.js'
import { waitFor } from '../../helpers/wait-for.js'
import { canonicalEvent } from '../../unit/merger/fixtures.js'

const OPERATOR_KEY = 'merger-test-operator-key-0123456789-abcdefgh'
const PURPOSE = 'test.merger'
const headers = { authorization: `Bearer ${OPERATOR_KEY}`, 'x-purpose': PURPOSE }
const child = '092212000777'
const parent = '092085001234'
const household = 'HO-31135-000123'
const parcel = '31147-12-345'

const events: CanonicalEvent[] = [
  canonicalEvent({ entityId: child, system: 'ho-tich', at: 1, fields: { personalId: child, fullName: 'Nguyễn Minh Khoa',
    birthDate: '2012-05-01', sex: 'male' } }),
  canonicalEvent({ entityId: child, system: 'cu-tru', at: 2,
    fields: { fullName: 'Nguyễn Minh Khoa', birthDate: '2012-05-02', householdId: household, relationToHead: '03',
    permanentAddress: { line: '12 Hòa Bình', wardCode: '31135' } } }),
  canonicalEvent({ entityId: child, system: 'bhyt', at: 3, fields: { fullName: 'Nguyễn Minh Khoa',
    phone: '0912000001' } }),
  canonicalEvent({ entityId: child, system: 'dat-dai', at: 4, fields: { phone: '0912000002' } }),
  canonicalEvent({ entityId: parent, system: 'ho-tich', at: 1, fields: { personalId: parent,
    fullName: 'Nguyễn Văn An' } }),
  canonicalEvent({ entity: 'household', entityId: household, system: 'cu-tru', at: 2,
    fields: { householdId: household, headPersonalId: parent, address: { line: '12 Hòa Bình', wardCode: '31135' },
    members: [{ personalId: parent, relationToHead: '01' }, { personalId: child, relationToHead: '03' }] } }),
  canonicalEvent({ entity: 'land-parcel', entityId: parcel, system: 'dat-dai', at: 2,
    fields: { parcelId: parcel, areaM2: 120.5, holderPersonalIds: [parent, child] } }),
  canonicalEvent({ entity: 'land-parcel', entityId: '31147-12-346', system: 'dat-dai', at: 2,
    fields: { parcelId: '31147-12-346', holderPersonalIds: [child] } }),
  canonicalEvent({ entity: 'land-parcel', entityId: '31147-12-346', system: 'dat-dai', at: 3, op: 'delete' }),
  canonicalEvent({ entity: 'health-insurance-card', entityId: 'HS4929220878811', system: 'bhyt', at: 2,
    fields: { cardNumber: 'HS4929220878811', holderPersonalId: child, benefitLevel: 4 } }),
  canonicalEvent({ entity: 'business-household', entityId: '57A8004567', system: 'dang-ky-kinh-doanh', at: 2,
    fields: { registrationNumber: '57A8004567', name: 'Tạp hóa Mai An', ownerPersonalId: parent } })
]

const topFields = (schema: { properties: object }): string[] => Object.keys(schema.properties)

t.test('canonical events become golden records served by the gateway', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const logger = pino({ level: 'silent' })
  const merger = await startMerger({ eventLog, store, logger, rules: loadSurvivorship(), batchSize: 4, maxAttempts: 3 })
  const app = await buildGateway({ store, logger, readiness: [],
    security: { operatorKey: OPERATOR_KEY, grantCacheTtlMs: 0 } })
  t.teardown(async () => { await app.close(); await merger.stop(); await eventLog.close(); await store.close() })

  for (const [entity, fields] of [
    ['person', grantableEntities.person.fields],
    ['household', topFields(householdSchema)],
    ['land-parcel', topFields(landParcelSchema)],
    ['health-insurance-card', topFields(healthInsuranceCardSchema)],
    ['business-household', topFields(businessHouseholdSchema)]
  ] as const) await putGrant(store, { clientId: BOOTSTRAP_OPERATOR, purpose: PURPOSE,
    entity: entity as EntityName, fields: [...fields] })

  // Published per topic, keyed by entity id, as the normalizer does.
  for (const e of events) await eventLog.publish(canonicalTopic(e.entity),
    [{ key: e.entityId, value: JSON.stringify(e) }])
  await waitFor(async () => (await store.find('history', { limit: 100 })).length === events.length,
    { what: 'every event applied' })
  const get = async (url: string, h: Record<string, string> = headers) => { const r = await app.inject({ method: 'GET',
    url, headers: h }); return { status: r.statusCode, body: r.json(), type: r.headers['content-type'] } }

  await t.test('GET /v1/citizens/{id}: merged fields, provenance, freshness, conflict flags', async t => {
    const r = await get(`/v1/citizens/${child}?include=provenance`)
    t.equal(r.status, 200)
    t.match(r.body.data, { fullName: 'Nguyễn Minh Khoa', birthDate: '2012-05-01',
      householdId: household, phone: '0912000002' })
    t.equal(r.body.meta.version, 4)
    t.equal(r.body.meta.provenance.birthDate.sourceSystem, 'ho-tich')
    t.equal(r.body.meta.provenance.householdId.sourceSystem, 'cu-tru')
    t.same(Object.keys(r.body.meta.sources).sort(), ['bhyt', 'cu-tru', 'dat-dai', 'ho-tich'])
    t.match(r.body.meta.sources['ho-tich'], { holds: true, sourceTime: '2026-01-01T00:01:00.000Z',
      ingestTime: '2026-01-01T00:01:05.000Z', lagSeconds: 5 })
    t.ok(r.body.meta.sources['ho-tich'].ageSeconds > 0)
    t.same(Object.keys(r.body.meta.conflicts).sort(), ['birthDate', 'phone'])
    t.equal(r.body.meta.source.sourceSystem, 'dat-dai', 'meta.source: the newest source, for older clients')
    const plain = await get(`/v1/citizens/${child}`)
    t.same(plain.body.data, r.body.data, 'the same data without include')
    // ageSeconds counts from each request's own clock: two requests may straddle a second.
    const withoutAge = (sources: Record<string, Record<string, unknown>>): unknown =>
      Object.fromEntries(Object.entries(sources).map(([s, { ageSeconds: _age, ...rest }]) => [s, rest]))
    t.same(withoutAge(plain.body.meta.sources), withoutAge(r.body.meta.sources), 'freshness is always sent')
    t.ok(Object.values(plain.body.meta.sources).every((s: any) => typeof s.ageSeconds === 'number'), 'with its age')
    t.notOk('provenance' in plain.body.meta || 'conflicts' in plain.body.meta,
      'provenance and conflicts only on include=provenance')
  })

  await t.test('asOf reads history', async t => {
    t.equal((await get(`/v1/citizens/${child}?asOf=2026-01-01T00:02:30Z`)).body.meta.version, 2)
    const early = await get(`/v1/citizens/${child}?asOf=2025-12-31T16:59:59Z`)
    // Before the hub's history starts: a problem that says from when (issue 17), not a plain 404.
    t.equal(early.status, 422)
    t.equal(early.body.code, 'LT_ERR_AS_OF_BEFORE_HISTORY')
    t.equal((await get(`/v1/citizens/${child}?asOf=2026-01-01`)).body.meta.version, 4, 'a date: the end of that day')
    const bad = await get(`/v1/citizens/${child}?asOf=2026-02-30`)
    t.equal(bad.status, 400)
    t.equal(bad.body.code, 'LT_ERR_AS_OF_INVALID')
    t.match(bad.type, /application\/problem\+json/)
    // Malformed by shape too: the same code docs/api.md promises (issue 17), not the generic one.
    t.equal((await get(`/v1/citizens/${child}?asOf=soon`)).body.code, 'LT_ERR_AS_OF_INVALID')
  })

  await t.test('links: household with the relation to the head, parcels, cards, businesses', async t => {
    const h = await get(`/v1/citizens/${child}/household`)
    t.equal(h.status, 200)
    t.same(h.body.membership, { householdId: household, relationToHead: '03', isHead: false })
    t.equal(h.body.data.headPersonalId, parent)
    const head = await get(`/v1/citizens/${parent}/household`)
    t.same(head.body.membership, { householdId: household, relationToHead: '01', isHead: true },
      'found through the household\'s member links')
    const parcels = await get(`/v1/citizens/${child}/land-parcels`)
    t.same(parcels.body.data.map((p: any) => p.meta.id), [parcel], 'the deleted parcel is left out')
    t.same((await get(`/v1/citizens/${child}/health-insurance`)).body.data.map((c: any) =>
      c.data.cardNumber), ['HS4929220878811'])
    t.same((await get(`/v1/citizens/${child}/business-households`)).body.data, [])
    t.same((await get(`/v1/citizens/${parent}/business-households`)).body.data.map((b: any) =>
      b.data.name), ['Tạp hóa Mai An'])
    const nobody = await get('/v1/citizens/092999999999/land-parcels')
    t.equal(nobody.status, 404)
    t.equal(nobody.body.code, 'LT_ERR_CITIZEN_NOT_FOUND')
    const homeless = await get('/v1/citizens/092999999999/household')
    t.equal(homeless.body.code, 'LT_ERR_CITIZEN_NOT_FOUND')
  })

  await t.test('GET /v1/households/{id} and /v1/land-parcels/{id}', async t => {
    const h = await get(`/v1/households/${household}?include=provenance`)
    t.equal(h.status, 200)
    t.equal(h.body.data.members.length, 2)
    t.equal(h.body.meta.provenance.members.rule, 'authoritative')
    t.equal((await get('/v1/households/HO-NOPE-1')).body.code, 'LT_ERR_HOUSEHOLD_NOT_FOUND')
    t.equal((await get('/v1/households/%20x')).body.code, 'LT_ERR_VALIDATION')
    const p = await get(`/v1/land-parcels/${parcel}`)
    t.equal(p.body.data.areaM2, 120.5)
    const gone = await get('/v1/land-parcels/31147-12-346')
    t.equal(gone.status, 410)
    t.equal(gone.body.code, 'LT_ERR_LAND_PARCEL_DELETED')
    t.equal((await get('/v1/land-parcels/31147-12-346?asOf=2026-01-01T00:02:30Z')).status, 200,
      'before the delete it existed')
    t.equal((await get('/v1/land-parcels/1-2-3')).status, 400)
    t.equal((await get(`/v1/land-parcels/${parcel}`, { authorization: headers.authorization })).body.code,
      'LT_ERR_PURPOSE_REQUIRED')
    t.equal((await get(`/v1/land-parcels/${parcel}`, {})).status, 401)
  })

  await t.test('GET /v1/conflicts: filters and keyset pages', async t => {
    const all = await get('/v1/conflicts?entity=person&status=open')
    t.same(all.body.data.map((c: any) => c.field), ['birthDate', 'phone'])
    t.same(all.body.page, { next: null })
    t.match(all.body.data[0], { id: `person:${child}:birthDate`, entityId: child, status: 'open',
      chosenSourceSystem: 'ho-tich' })
    t.same((await get('/v1/conflicts?entity=person&sourceSystem=dat-dai')).body.data.map((c: any) => c.field),
      ['phone'])
    t.same((await get('/v1/conflicts?entity=person&field=birthDate')).body.data.length, 1)
    t.same((await get('/v1/conflicts?entity=person&status=resolved')).body.data, [])
    const first = await get('/v1/conflicts?entity=person&limit=1')
    t.equal(first.body.data.length, 1)
    const second = await get(`/v1/conflicts?entity=person&limit=1&cursor=${String(first.body.page.next)}`)
    t.equal(second.body.data[0].field, 'phone')
    t.equal(second.body.page.next, null)
    t.equal((await get('/v1/conflicts?entity=person&cursor=AAAA')).body.code, 'LT_ERR_CURSOR_INVALID')
    t.equal((await get('/v1/conflicts?entity=citizen')).body.code, 'LT_ERR_VALIDATION')
    t.equal((await get('/v1/conflicts?entity=person', {})).status, 401)
    t.equal((await get('/v1/conflicts')).body.code, 'LT_ERR_VALIDATION',
      'one entity per request: its grant decides what is shown')
  })

  await t.test('a resolving event reaches the conflict list', async t => {
    const fix = canonicalEvent({ entityId: child, system: 'cu-tru', at: 9, fields: { birthDate: '2012-05-01' } })
    await eventLog.publish(canonicalTopic('person'), [{ key: child, value: JSON.stringify(fix) }])
    const resolved = await waitFor(async () => { const r =
      await get('/v1/conflicts?entity=person&status=resolved'); return r.body.data.length === 1 ? r : undefined },
      { what: 'conflict resolved' })
    t.match(resolved.body.data[0], { field: 'birthDate', status: 'resolved', resolvedAt: '2026-01-01T00:09:05.000Z' })
    t.same(Object.keys((await get(`/v1/citizens/${child}?include=provenance`)).body.meta.conflicts), ['phone'])
  })
})
