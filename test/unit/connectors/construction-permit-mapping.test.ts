// The construction-permit connector against the whole simulated xay-dung department: every record its
// raw schema admits maps to the canonical permit the ground truth lists (dd/MM/yyyy dates read, labels
// to codes, "Thửa 345, tờ bản đồ 12" with the old commune code to the land register's parcel id, areas
// with a decimal comma, the inspections nested, oldest first), and every record the truth lists invalid
// is refused at the raw schema. Owners named by CMND only wait for the link, in ownerPersonalIds.
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { DERIVED_FIELD } from '../../../connectors/runner/updated-since-source.js'
import { constructionPermitConnector, derivePermit } from '../../../connectors/construction-permit/connector.js'
import { constructionPermitRawSchema } from '../../../connectors/construction-permit/raw-schema.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import { createMappingValidator } from '../../../connectors/mapping/validate-mapping.js'
import { parcelIdOfText } from '../../../schemas/vietnam/construction-permit-codes.js'
import { liveSourceChange } from '../../../sim/sources/changes.js'

const COMPARED = ['permitId', 'permitNumber', 'permitDate', 'issuingAuthority', 'permitType', 'buildingType',
  'parcelIds', 'certificateSerial',
  'address', 'floors', 'footprintM2', 'totalFloorAreaM2', 'heightM', 'status'] as const

type Owner = { personalId?: string, fullName?: string, legacyCmnd?: string }

/** The record as the connector publishes it: with `_derived` (the parcel id), as the normalizer reads it. */
const published = (record: Record<string, unknown>): Record<string, unknown> =>
  ({ ...record, [DERIVED_FIELD]: derivePermit(record) })

t.test('every xay-dung record maps to its ground truth or is refused at the door', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 3000, seed: 5, sourceRates: { invalid: 0.05, conflict: 0.1, legacyId: 0.3 } }, {
    record: (d, _s, r) => { if (d === 'xay-dung') raw.push(r) },
    truth: e => { if (e.department === 'xay-dung') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(constructionPermitRawSchema as unknown as Record<string, unknown>)
  const canonical = createMappingValidator(createSchemaValidator())
  const invalid = new Set(truth.filter(e => e.type === 'source-invalid').map(e => e.key))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  const misspelt = new Set(truth.flatMap(e => e.type === 'source-conflict' ? [e.key] : []))
  t.ok(invalid.size > 0 && expected.size > 20,
    `a department with valid (${expected.size}) and invalid (${invalid.size}) records`)
  let inspected = 0
  let violations = 0
  let byCmnd = 0
  for (const record of raw) {
    const key = String(record.SoGiayPhep)
    if (invalid.has(key)) { t.notOk(validate(record), `${key} refused by the raw schema`); continue }
    t.ok(validate(record), `${key} admitted`)
    const out = applyMapping(constructionPermitConnector.mapping, 'permits', published(record))
    if (!out.ok) { t.fail(`${key}: ${JSON.stringify(out.errors)}`); continue }
    const permit = out.entities.find(e => e.entity === 'construction-permit')
    if (permit === undefined) { t.fail(`${key}: no permit`); continue }
    t.same(canonical.validateFields('construction-permit', permit.fields), [], `${key}: the canonical schema admits it`)
    const want = expected.get(key) as Record<string, unknown>
    for (const field of COMPARED) t.same(permit.fields[field], want[field], `${key} ${field}`)
    // A permit without inspections yet has none to list.
    t.same(permit.fields.inspections ?? [], want.inspections, `${key} inspections`)
    const inspections = want.inspections as Array<{ result: string }>
    if (inspections.length > 0) inspected++
    if (inspections.some(i => i.result !== 'compliant')) violations++
    // Owners: those named by CCCD carry it; those named by CMND only carry the CMND and are linked later.
    const owners = permit.fields.owners as Owner[]
    const wantOwners = want.owners as Owner[]
    t.equal(owners.length, wantOwners.length, `${key} owners`)
    owners.forEach((o, i) => {
      const w = wantOwners[i] as Owner
      if (!(i === 0 && misspelt.has(key))) t.equal(o.fullName, w.fullName, `${key} owner ${i} name`)
      if (o.personalId === undefined) t.match(o.legacyCmnd, /^\d{9}$/, `${key} owner ${i} by CMND`)
      else t.equal(o.personalId, w.personalId, `${key} owner ${i} id`)
    })
    const byId = wantOwners.filter((_w, i) => owners[i]?.personalId !== undefined).map(w => w.personalId)
    const cmnds = owners.filter(o => o.personalId === undefined).length
    t.same(permit.fields.ownerPersonalIds ?? [], byId, `${key} ownerPersonalIds lists the owners named by CCCD`)
    t.equal(permit.legacyRefs?.length ?? 0, cmnds, `${key}: one link to wait for per owner named by CMND`)
    if (cmnds > 0) byCmnd++
    // Each owner is also a person fact: the name as typed, which civil status outranks.
    t.equal(out.entities.filter(e => e.entity === 'person').length, owners.length, `${key}: a person per owner`)
  }
  t.ok(inspected > 0 && violations > 0 && byCmnd > 0,
    `inspected (${inspected}), with violations (${violations}), owners by CMND (${byCmnd})`)
  t.ok(misspelt.size > 0, `misspelt owners' names (${misspelt.size}) kept as typed on the permit`)
})

t.test('the parcel as the office writes it becomes the land register\'s parcel id', async t => {
  t.equal(parcelIdOfText('Thửa 345, tờ bản đồ 12', '31150'), '31150-12-345')
  t.equal(parcelIdOfText('thửa số 7, tờ số 3', '31150'), '31150-3-7')
  t.equal(parcelIdOfText('Thửa 045, tờ bản đồ 012', '31150'), '31150-12-45', 'no leading zeros in the id')
  t.equal(parcelIdOfText('Lô 7, khu A', '31150'), undefined)
})

t.test('an unknown label is refused with its own code and the path of the field', async t => {
  t.match(createMappingValidator(createSchemaValidator()).validateMapping(constructionPermitConnector.mapping),
    { ok: true }, 'the mapping names only canonical fields')
  const base = {
    SoGiayPhep: '245/GPXD-2024', NgayCap: '14/05/2024', CoQuanCap: 'UBND phường Ninh Kiều', LoaiGiayPhep: 'Cấp mới',
    LoaiCongTrinh: 'Nhà ở riêng lẻ',
    ChuDauTu: [{ HoTen: 'Nguyễn Văn An', CCCD: '092085001234' }], ThuaDat: 'Thửa 345, tờ bản đồ 12', MaXaBanDo: '31150',
    DiaChi: 'Hẻm 51, khu vực 5',
    MaPhuongXa: '31150', SoTang: '3', DienTichXayDung: '96,5', TongDienTichSan: '289,5', ChieuCao: '12,6',
    TrangThai: 'Đang thi công',
    KiemTra: [{ Ngay: '02/07/2024', KetQua: 'Đúng giấy phép' },
      { Ngay: '15/10/2024', KetQua: 'Sai giấy phép', NoiDung: 'Xây thêm tum', SoQD: '318/QĐ-XPHC' }],
    NgaySua: '2024-10-15T03:00:00.000Z', Huy: false
  }
  const out = applyMapping(constructionPermitConnector.mapping, 'permits', published(base))
  t.match(out.ok && out.entities[0], {
    entityId: '245-GPXD-2024',
    fields: { permitNumber: '245/GPXD', footprintM2: 96.5, parcelIds: ['31150-12-345'], status: 'under-construction',
      inspections: [{ result: 'compliant' }, { result: 'violation', decisionNumber: '318/QĐ-XPHC' }] }
  })
  const bad = applyMapping(constructionPermitConnector.mapping, 'permits',
    published({ ...base, KiemTra: [{ Ngay: '02/07/2024', KetQua: 'Tạm ổn' }] }))
  t.match(!bad.ok && bad.errors, [{ path: 'KiemTra[0].KetQua', code: 'LT_ERR_INSPECTION_RESULT' }])
})

t.test('the office\'s change stream adds an inspection, which the connector reads as the newest one', async t => {
  const raw: Array<Record<string, unknown>> = []
  generateSourceDepartments({ citizens: 1500, seed: 7 },
    { record: (d, _s, r) => { if (d === 'xay-dung') raw.push(r) }, truth: () => {} })
  const open = raw.find(r => ['Đã cấp', 'Đang thi công'].includes(String(r.TrangThai))
    && (r.KiemTra as unknown[]).length < 3)
  if (open === undefined) { t.fail('no permit issued or under construction'); return }
  // Today (UTC, never after today in Vietnam): after every inspection the generator wrote.
  const day = new Date().toISOString().slice(0, 10)
  const change = liveSourceChange('xay-dung', open, day)
  t.ok(change, 'a site under construction is inspected again')
  const after = { ...open, ...change?.patch }
  const before = applyMapping(constructionPermitConnector.mapping, 'permits', published(open))
  const out = applyMapping(constructionPermitConnector.mapping, 'permits', published(after))
  const count = (o: typeof out): number => o.ok ? ((o.entities[0]?.fields.inspections ?? []) as unknown[]).length : -1
  t.equal(count(out), count(before) + 1, 'one more inspection')
  t.same(out.ok && (out.entities[0]?.fields.inspections as unknown[]).at(-1), { date: day, result: 'compliant' },
    'the newest last')
  t.equal(out.ok && out.entities[0]?.fields.status, 'under-construction', 'and the site is under construction')
  const done = { ...open, TrangThai: 'Hoàn công' }
  t.equal(liveSourceChange('xay-dung', done, day), undefined, 'a completed building is not inspected again')
})
