// GET /v1/infrastructure: golden infrastructure features, merged from canonical events as the
// connector emits them, served as an RFC 7946 FeatureCollection (application/geo+json) filtered by a
// bounding box that lies inside, outside or across a feature's envelope; a bad bbox is 400
// LT_ERR_BBOX_INVALID naming the parameter; a client without the grant gets 403; every read is audited
// with no subject; pages are bounded and a sparse box cannot make one page scan the whole layer.
import t from 'tap'
import { bearer, makeClient, openGateway } from '../../security/helpers.js'
import { canonicalEvent, harness } from '../../unit/merger/fixtures.js'
import { grantableEntities } from '../../../gateway/security/entities.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import { infrastructurePage } from '../../../records/infrastructure-page.js'
import type { AuditBlock } from '../../../gateway/security/audit-chain.js'
import type { Store } from '../../../infra/ports/store.js'

const PURPOSE = 'QD-HTKT-2025'
type Geometry = { type: 'Point', coordinates: number[] } | { type: 'LineString', coordinates: number[][] }

const feature = (id: string, ward: string, assetType: string, network: string, geometry: Geometry, bbox: number[]) => ({
  type: 'Feature', id, geometry, bbox, properties: { assetId: id, network, assetType, wardCode: ward,
    condition: 'good', builtYear: 2010 }
})
// A light in 31135, a drain line across 31135/31147's side of town, a hydrant far south in 31147.
const LIGHT = feature('CS-31135-000001', '31135', 'street-light', 'lighting',
  { type: 'Point', coordinates: [105.78, 10.03] }, [105.78, 10.03, 105.78, 10.03])
const DRAIN = feature('TN-31135-000002', '31135', 'drain-pipe', 'drainage',
  { type: 'LineString', coordinates: [[105.70, 10.00], [105.76, 10.02]] }, [105.70, 10.00, 105.76, 10.02])
const HYDRANT = feature('CN-31147-000003', '31147', 'hydrant', 'water-supply',
  { type: 'Point', coordinates: [106.1, 9.5] }, [106.1, 9.5, 106.1, 9.5])

async function seed (store: Store, features: Array<ReturnType<typeof feature>>): Promise<void> {
  const { apply, dead } = harness(undefined, store)
  await apply(features.map(f => canonicalEvent({ entity: 'urban-infrastructure', entityId: f.id,
    system: 'ha-tang', at: 1, fields: f })))
  if (dead.length > 0) throw new Error(dead.map(d => d.reason).join('; '))
}

async function setUp (t: Parameters<Parameters<typeof t.test>[1]>[0]) {
  const { app, store } = await openGateway(t)
  await seed(store, [LIGHT, DRAIN, HYDRANT])
  const gis = await makeClient(store, 'so-xay-dung', 'department', [{ purpose: PURPOSE, entity: 'urban-infrastructure',
    fields: [...grantableEntities['urban-infrastructure'].fields] }])
  const get = async (query: string, key = gis.key, purpose = PURPOSE) =>
    await app.inject({ method: 'GET', url: `/v1/infrastructure?${query}`,
      headers: { ...bearer(key), 'x-purpose': purpose } })
  return { app, store, gis, get }
}

t.test('the bbox selects features whose envelope lies inside it or crosses it, never one outside it', async t => {
  const { get } = await setUp(t)
  const ids = async (query: string): Promise<string[]> => {
    const res = await get(query)
    t.equal(res.statusCode, 200, query)
    return (res.json().features as Array<{ id: string }>).map(f => f.id)
  }
  t.same(await ids('bbox=105.77,10.02,105.79,10.04'), [LIGHT.id], 'a point inside the box')
  t.same(await ids('bbox=105.75,10.01,105.77,10.03'), [DRAIN.id], 'a line whose envelope crosses the box edge')
  t.same(await ids('bbox=105.0,9.0,105.1,9.1'), [], 'nothing outside')
  t.same(await ids('bbox=105.76,10.02,105.765,10.025'), [DRAIN.id], 'an envelope touching the box at a corner counts')
  t.same(await ids('bbox=105,9,107,11'), [HYDRANT.id, LIGHT.id, DRAIN.id], 'the whole city, in asset-id order')
  t.same(await ids('bbox=105,9,107,11&wardCode=31147'), [HYDRANT.id], 'by ward')
  t.same(await ids('bbox=105,9,107,11&network=lighting'), [LIGHT.id], 'by network')
  t.same(await ids('bbox=105,9,107,11&assetType=drain-pipe'), [DRAIN.id], 'by asset type')
  t.same(await ids('bbox=105,9,107,11&wardCode=31135&network=water-supply'), [], 'filters combine')
})

t.test('the answer is a GeoJSON FeatureCollection whose features are canonical features', async t => {
  const { get } = await setUp(t)
  const res = await get('bbox=105,9,107,11')
  t.match(res.headers['content-type'], /^application\/geo\+json/)
  const body = res.json()
  t.equal(body.type, 'FeatureCollection')
  t.equal(body.features.length, 3)
  const valid = createSchemaValidator().validator('urban-infrastructure')
  for (const f of body.features) t.ok(valid(f),
    `${String(f.id)} validates against the canonical GeoJSON Feature schema ${JSON.stringify(valid.errors)}`)
  t.same(body.features.find((f: { id: string }) => f.id === DRAIN.id), DRAIN, 'geometry, bbox and properties as merged')
  t.same(body.page, { next: null })
})

t.test('a bbox that is not four in-range numbers with min < max is 400 LT_ERR_BBOX_INVALID naming bbox', async t => {
  const { get } = await setUp(t)
  for (const [bbox, why] of [['105,9,107', /3 values, not 4/], ['105,9,107,11,12', /5 values/],
    ['a,9,107,11', /number/], ['105,9,,11', /number/],
    ['181,9,182,11', /longitude/], ['105,-91,107,11', /latitude/], ['107,9,105,11', /minLon/],
      ['105,11,107,9', /minLat/], ['105,9,105,11', /minLon/]] as const) {
    const res = await get(`bbox=${encodeURIComponent(bbox)}`)
    t.equal(res.statusCode, 400, bbox)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { code: 'LT_ERR_BBOX_INVALID', errors: [{ path: 'querystring/bbox', message: why }] }, bbox)
  }
  const missing = await get('network=lighting')
  t.equal(missing.statusCode, 400, 'bbox is required')
  t.match(JSON.stringify(missing.json()), /bbox/)
  t.equal((await get('bbox=105,9,107,11&limit=101')).statusCode, 400, 'page size bounded at 100')
  t.equal((await get('bbox=105,9,107,11&assetType=tree')).statusCode, 400, 'an unknown asset type')
})

t.test('no grant, no features: 403 for a client without it, and every granted read is audited without a subject',
  async t => {
  const { app, get, store } = await setUp(t)
  const other = await makeClient(store, 'mot-cua', 'one-stop',
    [{ purpose: PURPOSE, entity: 'land-parcel', fields: ['parcelId'] }])
  const refused = await get('bbox=105,9,107,11', other.key)
  t.equal(refused.statusCode, 403)
  t.match(refused.json(), { code: 'LT_ERR_FORBIDDEN',
    detail: /no grant for purpose 'QD-HTKT-2025' on entity 'urban-infrastructure'/ })
  t.equal((await get('bbox=bad', other.key)).statusCode, 403,
    'the grant is checked before the box: nothing is said to a client without one')
  t.equal((await app.inject({ method: 'GET', url: '/v1/infrastructure?bbox=105,9,107,11',
    headers: { 'x-purpose': PURPOSE } })).statusCode, 401)
  t.equal((await get('bbox=105,9,107,11', (await makeClient(store, 'x', 'department')).key,
    'other-purpose')).statusCode, 403)
  const narrow = await makeClient(store, 'ban-do', 'department',
    [{ purpose: PURPOSE, entity: 'urban-infrastructure', fields: ['id', 'geometry'] }])
  const res = await get('bbox=105.77,10.02,105.79,10.04', narrow.key)
  t.same(res.json().features, [{ type: 'Feature', id: LIGHT.id, geometry: LIGHT.geometry, properties: null }],
    'only the granted members; properties null')
  const entries = (await store.find('audit', { orderBy: { field: '_id' },
    limit: 100 }) as AuditBlock[]).flatMap(b => b.entries)
  t.match(entries.filter(e => e.entity === 'urban-infrastructure'),
    [{ clientId: 'ban-do', purpose: PURPOSE, subjects: [], fields: ['geometry', 'id'] }],
    'one audit entry for the granted read, naming what it returned and no person')
})

t.test('pages: at most limit features, a sealed cursor, and a sparse box stops at the scan budget with a cursor',
  async t => {
  const { get, store } = await setUp(t)
  // Asset-id order: CN (hydrant) < CS (light) < TN (drain).
  const order = [HYDRANT.id, LIGHT.id, DRAIN.id]
  const first = await get('bbox=105,9,107,11&limit=2')
  t.same(first.json().features.map((f: { id: string }) => f.id), order.slice(0, 2))
  const next = first.json().page.next as string
  t.type(next, 'string')
  const second = await get(`bbox=105,9,107,11&limit=2&cursor=${next}`)
  t.same(second.json().features.map((f: { id: string }) => f.id), order.slice(2))
  t.equal(second.json().page.next, null)
  t.match((await get(`bbox=105,9,108,11&limit=2&cursor=${next}`)).json(), { code: 'LT_ERR_CURSOR_INVALID' },
    'a cursor opens only on its own filters')
  // The reader itself: with a budget of 2 records, a box only the third (the drain) meets gives an
  // empty page that resumes after the second, then the match and the end.
  const box: [number, number, number, number] = [105.69, 9.99, 105.71, 10.001]
  const sparse = await infrastructurePage(store, { bbox: box }, 10, undefined, 2)
  t.same(sparse.views, [], 'the budget ran out before a match')
  t.equal(sparse.next, LIGHT.id, 'resumes after the last record examined')
  const resumed = await infrastructurePage(store, { bbox: box }, 10, sparse.next, 2)
  t.same(resumed.views.map(v => v.entityId), [DRAIN.id])
  t.equal(resumed.next, undefined, 'and the layer is done')
  const full = await infrastructurePage(store, { bbox: box }, 10)
  t.same(full.views.map(v => v.entityId), [DRAIN.id], 'within the default budget, one page')
})
