// The civil-servant connector against the whole simulated noi-vu department: every record its raw
// schema admits maps to the canonical civil servant the ground truth lists (1/0 sex and CB/CC/VC
// category translated, the decimal-comma coefficient read, a CMND-only servant waiting for the
// link), and every record the truth lists invalid is refused at the raw schema. Where the truth lists
// a birth date typed with day and month swapped, the record keeps it as typed: the mapping feeds no
// person record, so civil status is never contradicted by, nor reveals, the personnel database.
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthConflict, SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { civilServantConnector } from '../../../connectors/civil-servant/connector.js'
import { civilServantRawSchema } from '../../../connectors/civil-servant/raw-schema.js'
import { createSchemaValidator } from '../../../schemas/validator.js'

const COMPARED = ['staffCode', 'personalId', 'fullName', 'birthDate', 'sex', 'category', 'unit', 'position', 'rank',
  'salaryStep', 'salaryCoefficient', 'recruitedOn', 'status'] as const

t.test('every noi-vu record maps to its ground truth or is refused at the door', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 3000, seed: 5, sourceRates: { invalid: 0.05, conflict: 0.2 } }, {
    record: (d, _s, r) => { if (d === 'noi-vu') raw.push(r) },
    truth: e => { if (e.department === 'noi-vu') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(civilServantRawSchema as unknown as Record<string, unknown>)
  const invalid = new Set(truth.filter(e => e.type === 'source-invalid').map(e => e.key))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  const swapped = new Map(truth.flatMap(e => e.type === 'source-conflict' ? [[e.key, e]] : []))
  t.ok(invalid.size > 0 && expected.size > 20,
    `a department with valid (${expected.size}) and invalid (${invalid.size}) records`)
  t.ok(swapped.size > 0, `birth dates typed with day and month swapped (${swapped.size})`)
  const seen = { cmndOnly: 0, categories: new Set<unknown>(), ranked: 0, unranked: 0 }
  for (const record of raw) {
    const key = String(record.ma_can_bo)
    if (invalid.has(key)) { t.notOk(validate(record), `${key} refused by the raw schema`); continue }
    t.ok(validate(record), `${key} admitted`)
    const out = applyMapping(civilServantConnector.mapping, 'staff', record)
    if (!out.ok) { t.fail(`${key}: ${JSON.stringify(out.errors)}`); continue }
    t.same(out.entities.map(e => e.entity), ['civil-servant'], `${key}: a civil servant and no person record`)
    const servant = out.entities[0]
    const want = { ...expected.get(key) as Record<string, unknown> }
    t.equal(servant?.entityId, want.staffCode, `${key} keyed by the staff code`)
    const conflict = swapped.get(key) as SourceTruthConflict | undefined
    if (conflict !== undefined) {
      t.match(conflict, { entity: 'person', field: 'birthDate', winner: 'ho-tich' })
      want.birthDate = conflict.values['noi-vu']
    }
    if (record.so_cccd === undefined) {
      t.equal(servant?.fields.personalId, undefined, `${key}: a CMND-only servant waits for the link`)
      t.same(servant?.legacyRefs?.map(r => r.field), ['personalId'])
      delete want.personalId
      seen.cmndOnly++
    }
    for (const field of COMPARED) t.same(servant?.fields[field], want[field], `${key} ${field}`)
    seen.categories.add(servant?.fields.category)
    if (servant?.fields.rank === undefined) seen.unranked++; else seen.ranked++
  }
  t.same([...seen.categories].sort(), ['cadre', 'civil-servant', 'public-employee'], 'all three categories')
  t.ok(seen.cmndOnly > 0 && seen.ranked > 0 && seen.unranked > 0,
    `CMND-only (${seen.cmndOnly}), ranked (${seen.ranked}) and unranked (${seen.unranked}) servants`)
})

t.test('a mapped record is a valid canonical CivilServant; unknown codes are refused with their own code', async t => {
  const base = {
    ma_can_bo: 'CT00123450', ho_ten: 'Trần Thị Mai', ngay_sinh: '1987-10-02', gioi_tinh: 0, so_cccd: '092187004321',
    loai: 'CC',
    don_vi: 'UBND phường Ninh Kiều', chuc_vu: 'Công chức Văn phòng - Thống kê', ma_ngach: '01.003',
    ten_ngach: 'Chuyên viên',
    bac_luong: 4, he_so_luong: '3,33', ngay_tuyen_dung: '2011-03-01', trang_thai: 'dang_cong_tac',
    ngay_cap_nhat: '2025-06-01T03:00:00.000Z', da_xoa: false
  }
  const out = applyMapping(civilServantConnector.mapping, 'staff', base)
  const fields = out.ok ? out.entities[0]?.fields : undefined
  t.match(fields,
    { sex: 'female', category: 'civil-servant', salaryCoefficient: 3.33, rank: { code: '01.003' }, status: 'serving' })
  t.ok(createSchemaValidator().validator('civil-servant')(fields), 'valid against schemas/civil-servant.ts')
  for (const [field, value, code] of [['loai', 'HD', 'LT_ERR_CIVIL_SERVANT_CATEGORY'],
    ['trang_thai', 'nghi_phep', 'LT_ERR_CIVIL_SERVANT_STATUS'],
    ['gioi_tinh', 2, 'LT_ERR_SEX_CODE']] as const) {
    const bad = applyMapping(civilServantConnector.mapping, 'staff', { ...base, [field]: value })
    t.match(!bad.ok && bad.errors, [{ path: field, code }], `${field} ${String(value)}`)
  }
})
