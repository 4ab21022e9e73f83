// The driver-licence connector against the whole simulated gplx department: every record its raw
// schema admits maps to the canonical licence the ground truth lists (legacy classes converted, the
// printed class kept only when it differs, yyyyMMdd dates read, a class without a term left without
// an expiry), and every record the truth lists invalid is refused at the raw schema.
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { driverLicenceConnector } from '../../../connectors/driver-licence/connector.js'
import { driverLicenceRawSchema } from '../../../connectors/driver-licence/raw-schema.js'

// Fields the licence record takes from elsewhere than a single source column: the card's issue date
// (the latest class date, not mapped yet) and the holder's name (written in capitals, often without
// diacritics) and birth date (sometimes mistyped: civil status wins, on the person).
const COMPARED = ['licenceNumber', 'holderPersonalId', 'classes', 'issuingAuthority', 'points', 'status'] as const

t.test('every gplx record maps to its ground truth or is refused at the door', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 400, seed: 5, sourceRates: { invalid: 0.05 } }, {
    record: (d, _s, r) => { if (d === 'gplx') raw.push(r) },
    truth: e => { if (e.department === 'gplx') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(driverLicenceRawSchema as unknown as Record<string, unknown>)
  const invalid = new Set(truth.filter(e => e.type === 'source-invalid').map(e => e.key))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  t.ok(invalid.size > 0 && expected.size > 20,
    `a department with valid (${expected.size}) and invalid (${invalid.size}) records`)
  let legacy = 0
  for (const record of raw) {
    const key = String(record.SO_GPLX)
    if (invalid.has(key)) { t.notOk(validate(record), `${key} refused by the raw schema`); continue }
    t.ok(validate(record), `${key} admitted`)
    const out = applyMapping(driverLicenceConnector.mapping, 'licences', record)
    if (!out.ok) { t.fail(`${key}: ${JSON.stringify(out.errors)}`); continue }
    const licence = out.entities.find(e => e.entity === 'driver-licence')
    const want = expected.get(key) as Record<string, unknown>
    if (record.SO_CCCD === undefined) {
      t.equal(licence?.fields.holderPersonalId, undefined, `${key}: a CMND-only holder waits for the link`)
      t.same(licence?.legacyRefs?.map(r => r.field), ['holderPersonalId'])
    }
    for (const field of COMPARED) {
      if (field === 'holderPersonalId' && record.SO_CCCD === undefined) continue
      t.same(licence?.fields[field], want[field], `${key} ${field}`)
    }
    if ((want.classes as Array<Record<string, unknown>>).some(c => c.printedClass !== undefined)) legacy++
  }
  t.ok(legacy > 0, `legacy classes converted (${legacy} licences)`)
})

t.test('an unknown legacy class is refused with its own code, not guessed', async t => {
  const out = applyMapping(driverLicenceConnector.mapping, 'licences', {
    SO_GPLX: '920123456789', SO_CCCD: '092085001234', HO_TEN: 'NGUYEN VAN AN', NGAY_SINH: '19850314',
    CAC_HANG: [{ HANG: 'FC', NGAY_CAP: '20100101', NGAY_HH: '20150101' }],
    NOI_CAP: 'Sở Giao thông vận tải thành phố Cần Thơ', DIEM_CON_LAI: 12, TINH_TRANG: 'HET_HAN', XOA: 'N'
  })
  t.equal(out.ok, false)
  t.match(!out.ok && out.errors, [{ path: 'CAC_HANG[0].HANG', code: 'LT_ERR_LICENCE_CLASS' }])
})
