// The social-beneficiary connector against the whole simulated chinh-sach department: every record its
// raw schema admits maps to the canonical case file the ground truth lists (ddMMyyyy dates, the amount
// "1.500.000" in integer đồng, "41%" as 41, the department's codes and status words, a pre-2025 ward
// as the current one), and every record the truth lists invalid is refused at the raw schema. A
// beneficiary who died in civil status but is still paid here is mapped as the department says
// (active): the truth's `ended` is what civil status makes of it, raised as a signal (records/signals/).
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { socialBeneficiaryConnector } from '../../../connectors/social-beneficiary/connector.js'
import { socialBeneficiaryRawSchema } from '../../../connectors/social-beneficiary/raw-schema.js'

const COMPARED = ['caseId', 'personalId', 'fullName', 'birthDate', 'programme', 'category', 'disabilityRatePercent',
  'decision',
  'monthlyAllowanceVnd', 'allowanceFrom', 'allowanceTo', 'status', 'endReason', 'address'] as const
// What the department still says of a beneficiary whose death it was never told of.
const UNREPORTED = new Set(['allowanceTo', 'status', 'endReason'])

t.test('every chinh-sach record maps to its ground truth or is refused at the door', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 12000, seed: 5, sourceRates: { invalid: 0.08, conflict: 0.1 } }, {
    record: (d, _s, r) => { if (d === 'chinh-sach') raw.push(r) },
    truth: e => { if (e.department === 'chinh-sach') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(socialBeneficiaryRawSchema as unknown as Record<string, unknown>)
  const invalid = new Set(truth.filter(e => e.type === 'source-invalid').map(e => e.key))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  const unreported = new Set(truth.flatMap(e => e.type === 'source-conflict' && e.field === 'status' ? [e.key] : []))
  t.ok(invalid.size > 0 && expected.size > 20,
    `a department with valid (${expected.size}) and invalid (${invalid.size}) records`)
  const seen = { ended: 0, merit: 0, unreported: 0 }
  for (const record of raw) {
    const key = String(record.SoHoSo)
    if (invalid.has(key)) { t.notOk(validate(record), `${key} refused by the raw schema`); continue }
    t.ok(validate(record), `${key} admitted`)
    const out = applyMapping(socialBeneficiaryConnector.mapping, 'beneficiaries', record)
    if (!out.ok) { t.fail(`${key}: ${JSON.stringify(out.errors)}`); continue }
    const got = out.entities.find(e => e.entity === 'social-beneficiary')?.fields ?? {}
    const want = expected.get(key) as Record<string, unknown>
    const legacyOnly = record.SoDinhDanh === undefined
    if (legacyOnly) t.equal(got.personalId, undefined, `${key}: a CMND-only holder waits for the link`)
    for (const field of COMPARED) {
      if (field === 'personalId' && legacyOnly) continue
      if (unreported.has(key) && UNREPORTED.has(field)) continue
      t.same(got[field], want[field], `${key} ${field}`)
    }
    if (unreported.has(key)) {
      t.equal(got.status, 'active', `${key}: still paid at the department`)
      seen.unreported++
    }
    if (want.status === 'ended' && !unreported.has(key)) seen.ended++
    if (want.programme === 'merit') seen.merit++
  }
  t.ok(seen.ended > 0 && seen.merit > 0 && seen.unreported > 0,
    `ended (${seen.ended}), merit (${seen.merit}) and unreported deaths (${seen.unreported}) compared`)
})

t.test('an unknown category code or status word is refused with its own code', async t => {
  const base = {
    SoHoSo: 'HS31135-0000421', HoTen: 'Lê Văn Hùng', NgaySinh: '01071948', SoDinhDanh: '092048000311', CheDo: 'NCC',
    MaDoiTuong: 'NCC-TB',
    TyLeTonThuong: '41%', SoQuyetDinh: '1523/QĐ-SLĐTBXH', NgayQuyetDinh: '10/04/1998', MucHuong: '2.287.000',
    HuongTuNgay: '01051998',
    TrangThai: 'Đang hưởng', DiaChi: 'Ấp Nhơn Lộc 1', MaXa: '31135', NgayCapNhat: '1998-05-01T03:00:00.000Z', Xoa: 0
  }
  const out = applyMapping(socialBeneficiaryConnector.mapping, 'beneficiaries', base)
  t.match(out.ok && out.entities[0], {
    entityId: 'HS31135-0000421',
    fields: { programme: 'merit', category: 'war-invalid', disabilityRatePercent: 41, monthlyAllowanceVnd: 2287000,
      status: 'active', allowanceFrom: '1998-05-01' }
  })
  const category = applyMapping(socialBeneficiaryConnector.mapping, 'beneficiaries', { ...base, MaDoiTuong: 'NCC-XYZ' })
  t.match(!category.ok && category.errors, [{ path: 'MaDoiTuong', code: 'LT_ERR_BENEFICIARY_CATEGORY' }])
  const status = applyMapping(socialBeneficiaryConnector.mapping, 'beneficiaries', { ...base, TrangThai: 'Chờ duyệt' })
  t.match(!status.ok && status.errors, [{ path: 'TrangThai', code: 'LT_ERR_BENEFICIARY_STATUS' }])
})
