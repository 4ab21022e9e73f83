// The urban-infrastructure connector against the whole simulated ha-tang department: every record its
// raw schema admits and its mapping accepts becomes the canonical GeoJSON Feature the ground truth
// lists (WKT read into a GeoJSON geometry, labels to codes, "123,4" to 123.4 m, old wards mapped), with
// the bbox of its geometry; every record the truth lists invalid is refused at the door or by the
// mapping, naming the field the truth names (GEOM for a geometry that cannot be placed).
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { urbanInfrastructureConnector } from '../../../connectors/urban-infrastructure/connector.js'
import { urbanInfrastructureRawSchema } from '../../../connectors/urban-infrastructure/raw-schema.js'
import { parseWkt } from '../../../schemas/geo/wkt.js'
import { bboxOf } from '../../../schemas/geo/bbox.js'
import { createSchemaValidator } from '../../../schemas/validator.js'

t.test('every ha-tang record maps to its ground-truth feature or is refused naming the broken field', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 300, seed: 5, sourceRates: { invalid: 0.05, oldWard: 0.3 } }, {
    record: (d, _s, r) => { if (d === 'ha-tang') raw.push(r) },
    truth: e => { if (e.department === 'ha-tang') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(urbanInfrastructureRawSchema as unknown as Record<string, unknown>)
  const canonical = createSchemaValidator().validator('urban-infrastructure')
  const invalid = new Map(truth.flatMap(e => e.type === 'source-invalid' ? [[e.key, e.field]] : []))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  const oldWards = truth.filter(e => e.type === 'source-variant' && e.kind === 'old-ward').length
  t.ok(invalid.size > 3 && expected.size > 500 && oldWards > 20,
    `valid (${expected.size}), invalid (${invalid.size}), old wards (${oldWards})`)
  let geometryRefused = 0
  for (const record of raw) {
    const key = String(record.MA_TS)
    const admitted = validate(record)
    if (invalid.has(key)) {
      const field = invalid.get(key) as string
      t.notOk(admitted, `${key} refused at the door`)
      // The dead letter names the field: where the value is wrong, or the property that is missing.
      const named = (validate.errors ?? []).map(e => e.keyword === 'required' ? `/${String(e.params.missingProperty)}`
        : e.instancePath)
      t.same([...new Set(named)], [`/${field}`], `${key}: the error names ${field}`)
      // The mapping refuses the same record by itself, with the reason (for any path that skips the door).
      const mapped = applyMapping(urbanInfrastructureConnector.mapping, 'assets', record)
      t.same(!mapped.ok && [...new Set(mapped.errors.map(e => e.path))], [field],
        `${key}: the mapping names ${field} too`)
      if (!mapped.ok && mapped.errors[0]?.code === 'LT_ERR_GEOMETRY') geometryRefused++
      continue
    }
    const out = admitted ? applyMapping(urbanInfrastructureConnector.mapping, 'assets', record) : undefined
    if (out === undefined || !out.ok) {
      t.fail(`${key}: ${JSON.stringify(out?.ok === false ? out.errors : 'raw schema')}`)
      continue
    }
    const feature = out.entities[0]?.fields as Record<string, any>
    const { bbox, ...rest } = feature
    t.same(rest, expected.get(key), `${key} is its truth`)
    t.same(bbox, bboxOf(feature.geometry.coordinates), `${key}: bbox of its geometry`)
    if (!canonical(feature)) t.fail(`${key} does not validate against the canonical schema`)
  }
  t.ok(geometryRefused > 0, `swapped axes refused as LT_ERR_GEOMETRY at GEOM (${geometryRefused})`)
})

t.test('WKT the GIS exports becomes GeoJSON; a geometry that cannot be placed is refused with why', async t => {
  t.same(parseWkt('POINT (105.7712 10.0199)'),
    { ok: true, geometry: { type: 'Point', coordinates: [105.7712, 10.0199] } })
  t.same(parseWkt('LINESTRING(105.78 10.03,105.79 10.02)'),
    { ok: true, geometry: { type: 'LineString', coordinates: [[105.78, 10.03], [105.79, 10.02]] } })
  t.same(parseWkt('multilinestring ((105.78 10.03, 105.79 10.02), (105.7 10.1, 105.71 10.1))'),
    { ok: true, geometry: { type: 'MultiLineString',
      coordinates: [[[105.78, 10.03], [105.79, 10.02]], [[105.7, 10.1], [105.71, 10.1]]] } })
  t.same(parseWkt('POLYGON Z ((105.7 10.0 1, 105.8 10.0 1, 105.8 10.1 1, 105.7 10.0 1))'),
    { ok: true, geometry: { type: 'Polygon',
      coordinates: [[[105.7, 10, 1], [105.8, 10, 1], [105.8, 10.1, 1], [105.7, 10, 1]]] } })
  const refused: Array<[unknown, RegExp]> = [
    ['POINT (10.0199 105.7712)', /axes swapped/],
    ['POINT (587000 1105000)', /WGS 84/],
    ['POINT (2.35 48.85)', /outside Vietnam/],
    ['LINESTRING (105.78 10.03)', /two positions/],
    ['POLYGON ((105.7 10.0, 105.8 10.0, 105.8 10.1, 105.7 10.05))', /end where it starts/],
    ['POINT EMPTY', /not WKT/],
    ['CIRCLE (105 10, 1)', /not WKT/],
    ['POINT (105,7712 10,0199)', /not a position/],
    ['', /no geometry/],
    [undefined, /no geometry/]
  ]
  for (const [written, why] of refused) {
    t.match(parseWkt(written), { ok: false, code: 'LT_ERR_GEOMETRY', message: why }, String(written))
  }
})

t.test('an asset with a bad geometry or an unknown label is a dead letter naming the field', async t => {
  const base = {
    MA_TS: 'TN-31135-000412', NHOM: 'Thoát nước', LOAI_TS: 'Cống thoát nước', MA_PX: '31135', TINH_TRANG: 'Trung bình',
    NAM_XD: 2008,
    CHIEU_DAI: '340,5', DUONG_KINH: 800, GEOM: 'LINESTRING (105.7851 10.0338, 105.7866 10.0329)',
    NGAY_KIEM_TRA: '2025-04-18',
    NGAY_CN: '2025-04-18T03:00:00.000Z', TRANG_THAI_BG: 'HIEN_HANH'
  }
  const out = applyMapping(urbanInfrastructureConnector.mapping, 'assets', base)
  t.match(out.ok && out.entities[0], {
    entityId: 'TN-31135-000412',
    fields: { type: 'Feature', bbox: [105.7851, 10.0329, 105.7866, 10.0338],
      properties: { network: 'drainage', assetType: 'drain-pipe', lengthM: 340.5, condition: 'fair' } }
  })
  for (const [field, value, code] of [['GEOM', 'POINT (10.03 105.78)', 'LT_ERR_GEOMETRY'],
    ['LOAI_TS', 'Cây xanh', 'LT_ERR_ASSET_TYPE'],
    ['NHOM', 'Cây xanh', 'LT_ERR_INFRASTRUCTURE_NETWORK'], ['TINH_TRANG', 'Hỏng', 'LT_ERR_ASSET_CONDITION']] as const) {
    const bad = applyMapping(urbanInfrastructureConnector.mapping, 'assets', { ...base, [field]: value })
    // The geometry feeds two fields (geometry, bbox): both name GEOM.
    t.match(!bad.ok && bad.errors, field === 'GEOM' ? [{ path: 'GEOM', code }, { path: 'GEOM', code }]
      : [{ path: field, code }], `${field}: ${code}`)
  }
})
