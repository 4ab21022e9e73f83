// The notarization connector against the whole simulated cong-chung department: every record its raw
// schema admits maps to the canonical notarization the ground truth lists (dd-MM-yyyy dates read, the
// two sides as one party list with the contract's roles, the parcel id from commune, sheet and parcel,
// the serial with its space, the price in integer đồng), and every record the truth lists invalid is
// refused at the raw schema. A party the register names only by CMND keeps it as legacyCmnd.
import t from 'tap'
import { generateSourceDepartments } from '../../../sim/sources/generate.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { deriveNotarization, notarizationConnector } from '../../../connectors/notarization/connector.js'
import { notarizationRawSchema } from '../../../connectors/notarization/raw-schema.js'
import { DERIVED_FIELD } from '../../../connectors/runner/updated-since-source.js'
import { createSchemaValidator } from '../../../schemas/validator.js'

const COMPARED = ['notarizationId', 'notarizationNumber', 'bookNumber', 'notarizationDate', 'office', 'transactionType',
  'valueVnd', 'status'] as const
type Party = Record<string, unknown>

/** What the connector publishes: the record as served with its derived values (updated-since-source.ts). */
const published = (record: Record<string, unknown>): Record<string, unknown> =>
  ({ ...record, [DERIVED_FIELD]: deriveNotarization(record) })

t.test('every cong-chung record maps to its ground truth or is refused at the door', async t => {
  const raw: Array<Record<string, unknown>> = []
  const truth: SourceTruthEntry[] = []
  generateSourceDepartments({ citizens: 3000, seed: 5, sourceRates: { invalid: 0.05, conflict: 0.1 } }, {
    record: (d, _s, r) => { if (d === 'cong-chung') raw.push(r) },
    truth: e => { if (e.department === 'cong-chung') truth.push(e) }
  })
  const validate = createRawSchemaCompiler()(notarizationRawSchema as unknown as Record<string, unknown>)
  const canonical = createSchemaValidator().validator('notarization')
  const invalid = new Set(truth.filter(e => e.type === 'source-invalid').map(e => e.key))
  const expected = new Map(truth.flatMap(e => e.type === 'source-record' ? [[e.key, e.record]] : []))
  const serialTypos =
    new Set(truth.flatMap(e => e.type === 'source-conflict' && e.field === 'property.certificateSerial' ? [e.key] : []))
  // (record key, CMND written) -> the personal id it stands for.
  const legacy = new Map(truth.flatMap(e => e.type === 'source-variant' && e.kind === 'legacy-id'
    ? [[`${e.key}|${e.written}`, e.canonical]] : []))
  t.ok(invalid.size > 0 && expected.size > 20,
    `a department with valid (${expected.size}) and invalid (${invalid.size}) records`)
  const seen = { mortgage: 0, transfer: 0, cmndParties: 0, typos: 0 }
  for (const record of raw) {
    const key = String(record.maHoSo)
    if (invalid.has(key)) { t.notOk(validate(record), `${key} refused by the raw schema`); continue }
    t.ok(validate(record), `${key} admitted`)
    const out = applyMapping(notarizationConnector.mapping, 'contracts', published(record))
    if (!out.ok) { t.fail(`${key}: ${JSON.stringify(out.errors)}`); continue }
    const got = out.entities.find(e => e.entity === 'notarization')
    const want = expected.get(key) as Record<string, unknown>
    t.equal(got?.entityId, key)
    t.ok(canonical(got?.fields), `${key} valid against the canonical schema`)
    for (const field of COMPARED) t.same(got?.fields[field], want[field], `${key} ${field}`)
    // A CMND-only party: the truth names the person by personal id, the mapping keeps the CMND.
    const parties = (want.parties as Party[]).map(p => {
      const written = [...legacy.entries()].find(([k, id]) => k.startsWith(`${key}|`)
        && id === p.personalId)?.[0].split('|')[1]
      if (written === undefined) return p
      seen.cmndParties++
      const { personalId: _id, ...rest } = p
      return { ...rest, legacyCmnd: written }
    })
    t.same(got?.fields.parties, parties, `${key} parties`)
    const property = got?.fields.property as { parcelIds?: string[], certificateSerial?: string }
    const wanted = want.property as { parcelIds: string[], certificateSerial: string }
    t.same(property.parcelIds, wanted.parcelIds, `${key} parcel`)
    if (serialTypos.has(key)) { t.not(property.certificateSerial, wanted.certificateSerial,
      `${key}: the typed serial is kept`); seen.typos++ } else t.equal(property.certificateSerial,
      wanted.certificateSerial, `${key} serial`)
    if (want.transactionType === 'mortgage') seen.mortgage++
    if (want.transactionType === 'land-use-right-transfer') seen.transfer++
  }
  t.ok(seen.mortgage > 0 && seen.transfer > 0, `mortgages (${seen.mortgage}) and transfers (${seen.transfer}) compared`)
  t.ok(seen.cmndParties > 0 && seen.typos > 0,
    `CMND-only parties (${seen.cmndParties}) and typed serials (${seen.typos}) seen`)
})

t.test('an unknown contract label is refused by the mapping with its own code', async t => {
  const base = {
    maHoSo: 'PCC1-2025-001234', soCongChung: '1234', ngayCongChung: '18-03-2025',
    tenToChuc: 'Phòng Công chứng số 1 thành phố Cần Thơ',
    loaiHopDong: 'Hợp đồng ủy quyền', benA: [{ hoTen: 'Nguyễn Văn An', loaiGiayTo: 'CCCD', soGiayTo: '092085001234' }],
    benB: [{ hoTen: 'Lê Thị Thu', loaiGiayTo: 'CCCD', soGiayTo: '092190008765' }], trangThai: 'Có hiệu lực',
    ngayCapNhat: '2025-03-18T03:00:00.000Z'
  }
  const out = applyMapping(notarizationConnector.mapping, 'contracts', published(base))
  t.match(out.ok && out.entities[0]?.fields,
    { transactionType: 'authorization', parties: [{ role: 'principal' }, { role: 'agent' }], office: { code: 'PCC1' } })
  t.equal(out.ok && out.entities[0]?.fields.property, undefined, 'no property named, none mapped')
  const bad = applyMapping(notarizationConnector.mapping, 'contracts',
    published({ ...base, loaiHopDong: 'Giấy tờ khác' }))
  t.match(!bad.ok && bad.errors, [{ path: 'loaiHopDong', code: 'LT_ERR_NOTARIZATION_TYPE' }])
})
