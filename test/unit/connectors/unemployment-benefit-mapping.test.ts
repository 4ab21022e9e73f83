// The unemployment-benefit connector against the whole simulated viec-lam department: every record its
// raw schema admits maps to the canonical benefit the ground truth lists (d/M/yyyy dates read, the
// amount in integer đồng, the status code split into status and end reason, the decision number
// without the year), and every record the truth lists invalid is refused at the raw schema.
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { unemploymentBenefitConnector } from '../../../connectors/unemployment-benefit/connector.js'
import { unemploymentBenefitRawSchema } from '../../../connectors/unemployment-benefit/raw-schema.js'
import { parseMoneyVnd } from '../../../schemas/vietnam/money.js'

// Every canonical field but the social-insurance number, which the centre copies by hand: where the
// truth lists a source-conflict on it, bhyt holds the right number and the mapping keeps the typed one.
const COMPARED = ['benefitId', 'personalId', 'fullName', 'decision', 'periodFrom', 'periodTo', 'months',
  'monthlyAmountVnd',
  'jobCentre', 'status', 'endReason', 'endedOn'] as const

t.test('every viec-lam record maps to its ground truth or is refused at the door', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 3000, seed: 5, sourceRates: { invalid: 0.05, conflict: 0.1 } }, {
    record: (d, _s, r) => { if (d === 'viec-lam') raw.push(r) },
    truth: e => { if (e.department === 'viec-lam') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(unemploymentBenefitRawSchema as unknown as Record<string, unknown>)
  const invalid = new Set(truth.filter(e => e.type === 'source-invalid').map(e => e.key))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  const ssnConflicts = new Set(truth.flatMap(e => e.type === 'source-conflict' ? [e.key] : []))
  t.ok(invalid.size > 0 && expected.size > 20,
    `a department with valid (${expected.size}) and invalid (${invalid.size}) records`)
  let ended = 0
  let checkedSsn = 0
  for (const record of raw) {
    const key = String(record.soQuyetDinh)
    if (invalid.has(key)) { t.notOk(validate(record), `${key} refused by the raw schema`); continue }
    t.ok(validate(record), `${key} admitted`)
    const out = applyMapping(unemploymentBenefitConnector.mapping, 'benefits', record)
    if (!out.ok) { t.fail(`${key}: ${JSON.stringify(out.errors)}`); continue }
    const benefit = out.entities.find(e => e.entity === 'unemployment-benefit')
    const want = expected.get(key) as Record<string, unknown>
    if (record.cccd === undefined) {
      t.equal(benefit?.fields.personalId, undefined, `${key}: a CMND-only holder waits for the link`)
      t.same(benefit?.legacyRefs?.map(r => r.field), ['personalId'])
    }
    for (const field of COMPARED) {
      if (field === 'personalId' && record.cccd === undefined) continue
      t.same(benefit?.fields[field], want[field], `${key} ${field}`)
    }
    if (!ssnConflicts.has(key)) {
      t.equal(benefit?.fields.socialInsuranceNumber, want.socialInsuranceNumber, `${key} SSN`)
      checkedSsn++
    }
    if (want.status === 'ended') ended++
  }
  t.ok(ended > 0 && checkedSsn > 0, `ended benefits (${ended}) and SSNs (${checkedSsn}) compared`)
  t.ok(ssnConflicts.size > 0, `hand-copied SSNs (${ssnConflicts.size}) kept as typed`)
})

t.test('money as Vietnamese systems write it becomes integer đồng; anything else is refused', async t => {
  for (const [written, value] of [['1.850.000', 1850000], ['1.850.000 đ', 1850000], ['1 850 000 VNĐ', 1850000],
    [4230000, 4230000], ['1.850', 1850], ['500', 500]] as const) {
    t.same(parseMoneyVnd(written), { ok: true, value }, String(written))
  }
  for (const written of ['1.850.000,50', '18.50.000', '1,85 triệu', '', -5, 1.5]) {
    t.match(parseMoneyVnd(written), { ok: false, code: 'LT_ERR_MONEY' }, String(written))
  }
})

t.test('an amount written as text maps to đồng; an unknown status code is refused with its own code', async t => {
  const base = {
    soQuyetDinh: '2451/QĐ-SNV-2025', hoTen: 'Lê Thị Thu', cccd: '092190008765', soSoBhxh: '9212345678',
    ngayQuyetDinh: '12/8/2025',
    tuNgay: '20/8/2025', denNgay: '19/12/2025', soThang: 4, mucHuong: '4.230.000',
    trungTam: 'Trung tâm Dịch vụ việc làm thành phố Cần Thơ',
    trangThai: 'dang_huong', updated: '2025-08-12T03:00:00.000Z', deleted: false
  }
  const out = applyMapping(unemploymentBenefitConnector.mapping, 'benefits', base)
  t.match(out.ok && out.entities[0], { entityId: '2451-QD-SNV-2025',
    fields: { monthlyAmountVnd: 4230000, decision: { number: '2451/QĐ-SNV' }, status: 'active' } })
  t.equal(out.ok && out.entities[0]?.fields.endReason, undefined, 'no end reason while paid')
  const bad = applyMapping(unemploymentBenefitConnector.mapping, 'benefits', { ...base, trangThai: 'cho_duyet' })
  t.match(!bad.ok && bad.errors, [{ path: 'trangThai', code: 'LT_ERR_BENEFIT_STATUS' }])
})
