// The student-enrolment connector against the whole simulated giao-duc department: every record its
// raw schema admits maps to the canonical enrolment the ground truth lists (dd/MM/yyyy birth dates
// read, the level and guardian words translated, pre-2025 wards converted, the key joined with the
// school year), and every record the truth lists invalid is refused at the raw schema. Where the
// truth lists the school's address against residence, the enrolment keeps what the school holds and
// the pupil's person record carries it to the merger, where cu-tru wins (survivorship.json).
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthConflict, SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { studentEnrolmentConnector } from '../../../connectors/student-enrolment/connector.js'
import { studentEnrolmentRawSchema } from '../../../connectors/student-enrolment/raw-schema.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { builtInSurvivorship } from '../../../hub/built-in-survivorship.js'
import { builtIns } from '../../../connectors/built-in.js'

// Every canonical field the export carries. The school's ward is not in the export (the truth puts
// the pupil's ward there), so school is compared without it.
const COMPARED = ['enrolmentId', 'studentCode', 'studentPersonalId', 'fullName', 'birthDate', 'sex', 'schoolYear',
  'grade',
  'className', 'status'] as const

t.test('every giao-duc record maps to its ground truth or is refused at the door', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 1500, seed: 5, sourceRates: { invalid: 0.05, conflict: 0.1 } }, {
    record: (d, _s, r) => { if (d === 'giao-duc') raw.push(r) },
    truth: e => { if (e.department === 'giao-duc') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(studentEnrolmentRawSchema as unknown as Record<string, unknown>)
  const invalid = new Set(truth.filter(e => e.type === 'source-invalid').map(e => e.key))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  const conflicts = new Map(truth.flatMap(e => e.type === 'source-conflict' ? [[e.key, e]] : []))
  const oldWards = truth.filter(e => e.type === 'source-variant' && e.kind === 'old-ward').length
  t.ok(invalid.size > 0 && expected.size > 100,
    `a department with valid (${expected.size}) and invalid (${invalid.size}) records`)
  t.ok(conflicts.size > 0 && oldWards > 0,
    `addresses against residence (${conflicts.size}) and pre-2025 wards (${oldWards})`)
  let guardians = 0
  let legacyGuardians = 0
  for (const record of raw) {
    const key = String(record.MaHocSinh)
    if (invalid.has(key)) { t.notOk(validate(record), `${key} refused by the raw schema`); continue }
    t.ok(validate(record), `${key} admitted`)
    const out = applyMapping(studentEnrolmentConnector.mapping, 'pupils', record)
    if (!out.ok) { t.fail(`${key}: ${JSON.stringify(out.errors)}`); continue }
    const enrolment = out.entities.find(e => e.entity === 'student-enrolment')
    const person = out.entities.find(e => e.entity === 'person')
    const want = expected.get(key) as Record<string, unknown>
    t.equal(enrolment?.entityId, want.enrolmentId, `${key} keyed by code and school year`)
    for (const field of COMPARED) t.same(enrolment?.fields[field], want[field], `${key} ${field}`)
    const { wardCode: _schoolWard, ...school } = want.school as Record<string, unknown>
    t.same(enrolment?.fields.school, school, `${key} school`)
    const wantGuardian = want.guardian as Record<string, unknown> | undefined
    if (wantGuardian === undefined) t.equal(enrolment?.fields.guardian, undefined, `${key} no guardian`)
    else if (record.CMNDPhuHuynh !== undefined) {
      const { personalId: _waits, ...named } = wantGuardian
      t.same(enrolment?.fields.guardian, named, `${key}: a guardian named by CMND only waits for the link`)
      t.same(enrolment?.legacyRefs?.map(r => r.field), ['guardian.personalId'])
      legacyGuardians++
    } else { t.same(enrolment?.fields.guardian, wantGuardian, `${key} guardian`); guardians++ }
    // The school's address: the truth's unless the truth lists it against residence.
    const conflict = conflicts.get(key)
    const wantWard = conflict === undefined ? (want.address as { wardCode: string }).wardCode
      : conflict.values['giao-duc']
    t.same(enrolment?.fields.address, { ...(want.address as object), wardCode: wantWard },
      `${key} address as the school holds it`)
    t.equal(person?.entityId, want.studentPersonalId, `${key} the pupil's person record`)
    t.same((person?.fields.permanentAddress as { wardCode?: string } | undefined)?.wardCode, wantWard,
      `${key} person ward for the merger`)
  }
  t.ok(guardians > 0 && legacyGuardians > 0, `guardians by CCCD (${guardians}) and by CMND only (${legacyGuardians})`)
})

t.test('a disagreement on the pupil\'s address is won by residence (cu-tru), as the truth says', async t => {
  const truth: SourceTruthConflict[] = []
  generateSourceDepartments({ citizens: 600, seed: 9, sourceRates: { conflict: 0.2 } }, {
    record: () => {},
    truth: e => { if (e.department === 'giao-duc' && e.type === 'source-conflict') truth.push(e) }
  })
  t.ok(truth.length > 0, 'the department disagrees with residence')
  const rules = builtInSurvivorship(loadSurvivorship(), builtIns)
  for (const c of truth) {
    t.match(c, { entity: 'person', field: 'permanentAddress.wardCode', winner: 'cu-tru' },
      `${c.key}: residence wins in the truth`)
    t.equal(rules.entities.person?.permanentAddress, 'cu-tru', 'and in survivorship')
  }
  t.equal(rules.entities['student-enrolment']?.['*'], 'giao-duc', 'the enrolment itself is giao-duc\'s')
})

t.test('an unknown school level, guardian relation or status is refused with its own code', async t => {
  const base = {
    MaHocSinh: '31117000123', HoTen: 'Nguyễn Minh Khoa', NgaySinh: '20/05/2019', GioiTinh: 'Nam',
    MaDinhDanh: '092219000777',
    NamHoc: '2025-2026', MaTruong: '31117TH', TenTruong: 'Trường Tiểu học Ninh Kiều', CapHoc: 'TH', Khoi: '1',
    Lop: '1A2',
    HoTenPhuHuynh: 'Nguyễn Văn An', QuanHe: 'Cha', CCCDPhuHuynh: '092085001234', DiaChi: '12 đường Hòa Bình',
    MaPhuongXa: '31117',
    TrangThai: 'Đang học', NgayCapNhat: '2025-09-05T03:00:00.000Z', DaXoa: false
  }
  const out = applyMapping(studentEnrolmentConnector.mapping, 'pupils', base)
  t.match(out.ok && out.entities[0], {
    entityId: '31117000123-2025-2026',
    fields: { school: { level: 'primary' }, grade: 1, guardian: { relation: 'father', personalId: '092085001234' },
      status: 'enrolled' }
  })
  for (const [field, value, code] of [['CapHoc', 'MN', 'LT_ERR_SCHOOL_LEVEL'],
    ['QuanHe', 'Bạn', 'LT_ERR_GUARDIAN_RELATION'],
    ['TrangThai', 'Tạm nghỉ', 'LT_ERR_ENROLMENT_STATUS']] as const) {
    const bad = applyMapping(studentEnrolmentConnector.mapping, 'pupils', { ...base, [field]: value })
    t.match(!bad.ok && bad.errors, [{ path: field, code }], `${field} ${value}`)
  }
  // joinFrom: without the school year there is no enrolment key, so the record is refused, not keyed by the code alone.
  const { NamHoc: _year, ...noYear } = base
  const unkeyed = applyMapping(studentEnrolmentConnector.mapping, 'pupils', noYear)
  t.notOk(unkeyed.ok, 'no school year, no enrolment')
  t.ok(!unkeyed.ok && unkeyed.errors.some(e => e.path === 'MaHocSinh' && e.code === 'LT_ERR_MAPPING_ID_MISSING'),
    'the enrolment has no id')
})
