// The GIS layer end to end: a simulated city loaded through the pipeline (the ha-tang department polled
// by the urban-infrastructure connector, normalized, merged), then read through GET /v1/infrastructure.
// Every valid asset of the department's truth is a golden feature equal to its truth (plus the bbox of
// its geometry), every injected invalid one is a connector dead letter naming its field, and the route
// answers a ward's assets inside a box exactly as the truth places them.
import t from 'tap'
import { loadCity } from './load-city.js'
import { goldenCollection, isGoldenRecord } from '../../../records/golden-record.js'
import { bboxesIntersect, bboxOf, type Bbox } from '../../../schemas/geo/bbox.js'
import { buildGateway } from '../../../gateway/app.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { makeClient, bearer, OPERATOR_KEY } from '../../security/helpers.js'
import { grantableEntities } from '../../../gateway/security/entities.js'

t.setTimeout(300_000)

t.test('every ha-tang asset is a golden GeoJSON feature as its truth says, served by bbox', async t => {
  const loaded = await loadCity(t.testdir({}), { citizens: 120, seed: 23, rates: {} })
  t.teardown(loaded.close)
  const { store, sourceTruth, deadLetters } = loaded
  const truth = sourceTruth.filter(e => e.department === 'ha-tang')
  const features = truth.flatMap(e => e.type === 'source-record'
    ? [e.record as { id: string, geometry: { coordinates: unknown }, properties: { wardCode: string } }] : [])
  const invalid = truth.flatMap(e => e.type === 'source-invalid' ? [e] : [])
  t.ok(features.length > 500, `the department holds ${features.length} valid assets`)

  const golden = await store.getMany(goldenCollection['urban-infrastructure'], features.map(f => f.id))
  const misses: string[] = []
  for (const f of features) {
    const doc = golden.get(f.id)
    if (!isGoldenRecord(doc)) { misses.push(`${f.id}: no golden record`); continue }
    const { bbox, ...rest } = doc.fields
    if (JSON.stringify(sortKeys(rest)) !== JSON.stringify(sortKeys(f)))
      misses.push(`${f.id}: ${JSON.stringify(rest)} is not ${JSON.stringify(f)}`)
    if (JSON.stringify(bbox) !== JSON.stringify(bboxOf(f.geometry.coordinates)))
      misses.push(`${f.id}: bbox ${JSON.stringify(bbox)}`)
  }
  t.same(misses, [], `every valid asset matched field for field (${features.length})`)
  const notLettered = invalid.filter(e => !deadLetters.some(d =>
    d.topic === 'dlq.connector.urban-infrastructure' && d.key === e.key &&
    (d.headers['lt-dlq-code'] ?? '').startsWith('LT_ERR_') && (d.headers['lt-dlq-reason'] ?? '').includes(e.field)))
  t.same(notLettered, [], `every invalid asset (${invalid.length}) is a connector dead letter naming its field`)

  const app = await buildGateway({ store, logger: createLogger('silent'), readiness: [],
    security: { operatorKey: OPERATOR_KEY, grantCacheTtlMs: 0 } })
  t.teardown(async () => { await app.close() })
  const client = await makeClient(store, 'so-xay-dung', 'department', [{ purpose: 'QD-HTKT-2025',
    entity: 'urban-infrastructure', fields: [...grantableEntities['urban-infrastructure'].fields] }])
  // A box around one ward's assets, cut in half: what the truth puts in the west half, and nothing else.
  const ward = (features[0] as { properties: { wardCode: string } }).properties.wardCode
  const mine = features.filter(f => f.properties.wardCode === ward)
  const all = mine.map(f => bboxOf(f.geometry.coordinates) as Bbox)
  const box: Bbox = [Math.min(...all.map(b => b[0])), Math.min(...all.map(b => b[1])), 0,
    Math.max(...all.map(b => b[3]))]
  box[2] = (box[0] + Math.max(...all.map(b => b[2]))) / 2
  const want = mine.filter((_f, i) => bboxesIntersect(all[i] as Bbox, box)).map(f => f.id).sort()
  const got: string[] = []
  let cursor: string | null = null
  do {
    const res = await app.inject({ method: 'GET',
      url: `/v1/infrastructure?bbox=${box.join(',')}&wardCode=${ward}&limit=3` +
        `${cursor === null ? '' : `&cursor=${cursor}`}`,
      headers: { ...bearer(client.key), 'x-purpose': 'QD-HTKT-2025' } })
    t.equal(res.statusCode, 200)
    got.push(...(res.json().features as Array<{ id: string }>).map(f => f.id))
    cursor = res.json().page.next
  } while (cursor !== null)
  t.ok(want.length > 0 && want.length < mine.length,
    `the half box holds ${want.length} of the ward's ${mine.length} assets`)
  t.same(got, want, 'the route serves exactly those, page after page')
})

function sortKeys (v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v)
    .sort(([a], [b]) => a < b ? -1 : 1).map(([k, x]) => [k, sortKeys(x)]))
  return v
}
