// The prefill rules on hand-built golden records (the readers are plain functions here; the route
// test reads them from a real store).
import t from 'tap'
import { prefill, type PrefillReaders } from '../../../gateway/prefill/prefill.js'
import { loadProcedureTemplates } from '../../../gateway/prefill/procedure-template.js'
import type { RecordView } from '../../../records/golden-record.js'

const now = new Date('2026-11-25T00:00:00.000Z')
const prov = (system: string, sourceTime: string) => ({ sourceSystem: system, sourceKey: 'k', sourceTime,
  ingestTime: sourceTime, connector: system, connectorVersion: '1.0.0', eventId: 'e', rule: 'authoritative' as const })
function view (entity: RecordView['entity'], entityId: string, fields: Record<string, unknown>,
  sourceTime = '2026-10-01T00:00:00.000Z', extra: Partial<RecordView> = {}): RecordView {
  return {
    entity, entityId, version: 1, deleted: false, fields, validFrom: sourceTime, links: {}, sources: {}, conflicts: {},
    provenance: Object.fromEntries(Object.keys(fields)
      .map(f => [f, prov(f === 'permanentAddress' ? 'cu-tru' : 'ho-tich', sourceTime)])),
    ...extra
  }
}
const mother = view('person', '092190001111', {
  personalId: '092190001111', fullName: 'Trần Thị Mai', birthDate: '1990-04-02', ethnicityCode: '01', nationality: 'VN',
  permanentAddress: { line: '12 Trần Hưng Đạo', wardCode: '31135' }, householdId: 'HK-1'
}, '2026-10-01T00:00:00.000Z',
  { conflicts: { birthDate: { sourceSystems: ['bhyt', 'ho-tich'], since: '2026-09-01T00:00:00.000Z' } } })
const father = view('person', '092088002222',
  { personalId: '092088002222', fullName: 'Lê Văn Nam', birthDate: '1988-01-01' }, '2024-01-01T00:00:00.000Z')
const card = view('health-insurance-card', 'HS4920120878811',
  { cardNumber: 'HS4920120878811', initialFacilityCode: '92001', validTo: '2026-12-31' })
const household = view('household', 'HK-1', { householdId: 'HK-1', headPersonalId: '092060009999' })
const readers: PrefillReaders = {
  person: async id => [mother, father].find(p => p.entityId === id),
  household: async id => id === 'HK-1' ? household : undefined,
  cardsOf: async id => id === mother.entityId ? [card] : [],
  parcelsOf: async () => [],
  businessesOf: async () => []
}
const templates = loadProcedureTemplates()
const everything = async (): Promise<string[]> => ['personalId', 'fullName', 'birthDate', 'ethnicityCode',
  'nationality', 'permanentAddress', 'householdId', 'headPersonalId', 'initialFacilityCode']

t.test('birth registration: both parents filled, child fields asked, conflicts and stale values flagged', async t => {
  const r = await prefill(templates.get('1.001193')!, { mother: mother.entityId, father: father.entityId }, readers,
    everything, now)
  const byId = Object.fromEntries(r.fields.map(f => [f.id, f]))
  t.match(byId['me.hoTen'], { status: 'filled', value: 'Trần Thị Mai',
    source: { sourceSystem: 'ho-tich', sourceTime: '2026-10-01T00:00:00.000Z' } })
  t.match(byId['me.noiCuTru'],
    { status: 'filled', value: { line: '12 Trần Hưng Đạo', wardCode: '31135' }, source: { sourceSystem: 'cu-tru' } })
  t.same(byId['me.ngaySinh'].conflict, { sourceSystems: ['bhyt', 'ho-tich'], since: '2026-09-01T00:00:00.000Z' },
    'conflict flagged')
  t.equal(byId['me.hoTen'].stale, undefined, 'fresh value')
  t.equal(byId['cha.hoTen'].stale, true, 'older than the procedure allows')
  t.match(byId['cha.danToc'], { status: 'ask', reason: 'no source holds this value' })
  t.same(r.toAsk.map(a => a.id).sort(),
    ['cha.danToc', 'cha.noiCuTru', 'cha.quocTich', 'treEm.gioiTinh', 'treEm.hoTen', 'treEm.ngaySinh', 'treEm.noiSinh'])
  t.same(r.reads, [{ entity: 'person', subjects: [father.entityId, mother.entityId].sort(),
    fields: ['birthDate', 'ethnicityCode', 'fullName', 'nationality', 'permanentAddress', 'personalId'] }])
})

t.test('combined child procedure reads across household and card', async t => {
  const r = await prefill(templates.get('2.000986')!, { mother: mother.entityId }, readers, everything, now)
  const byId = Object.fromEntries(r.fields.map(f => [f.id, f]))
  t.match(byId['thuongTru.chuHo'], { status: 'filled', value: '092060009999' })
  t.match(byId['bhyt.noiDangKyKcb'], { status: 'filled', value: '92001' })
  t.match(byId['cha.hoTen'], { status: 'ask', reason: 'no father given' })
  t.same(r.reads.map(x => x.entity).sort(), ['health-insurance-card', 'household', 'person'])
})

t.test('ungranted fields are never read and are asked instead; unknown people are asked', async t => {
  const onlyName = async (entity: string): Promise<string[]> => entity === 'person' ? ['fullName'] : []
  const r = await prefill(templates.get('1.001193')!, { mother: mother.entityId, father: '092099999999' }, readers,
    onlyName, now)
  const byId = Object.fromEntries(r.fields.map(f => [f.id, f]))
  t.match(byId['me.hoTen'], { status: 'filled' })
  t.match(byId['me.ngaySinh'], { status: 'ask', reason: 'not granted to this client for this procedure' })
  t.equal(byId['me.ngaySinh'].value, undefined, 'no value leaks')
  t.match(byId['cha.hoTen'], { status: 'ask', reason: 'the hub holds no record of this person' })
  t.same(r.reads, [{ entity: 'person', subjects: [mother.entityId], fields: ['fullName'] }],
    'only what was returned is audited')
})
