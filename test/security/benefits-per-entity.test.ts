// GET /v1/citizens/{id}/benefits lists two entities (unemployment-benefit, social-beneficiary), so its
// grant is checked per entity: a client sees the items of the entities it is granted for this purpose,
// each with `meta.entity`, only the granted fields of each, one audit entry per entity read naming exactly
// the fields returned; `fields=` names fields of either entity (400 for a field neither has, 403 for one
// only an ungranted entity has); without either grant, the usual 403.
import t from 'tap'
import type { Store } from '../../infra/ports/store.js'
import type { AuditBlock, AuditEntry } from '../../gateway/security/audit-chain.js'
import { canonicalEvent, harness } from '../unit/merger/fixtures.js'
import { bearer, makeClient, openGateway, person } from './helpers.js'

const id = '092140000512'
const audits = async (store: Store): Promise<AuditEntry[]> =>
  (await store.find('audit', { orderBy: { field: '_id' }, limit: 5000 }) as AuditBlock[]).flatMap(b => b.entries)

async function seed (store: Store): Promise<void> {
  const { apply, dead } = harness(undefined, store)
  await apply([
    canonicalEvent({ entityId: id, system: 'ho-tich', at: 1, fields: { ...person(id) } }),
    canonicalEvent({ entity: 'unemployment-benefit', entityId: '2451-QD-SNV-2025', system: 'viec-lam', at: 1, fields: {
      benefitId: '2451-QD-SNV-2025', personalId: id, fullName: 'Trần Thị Bảy',
        decision: { number: '2451/QĐ-SNV', date: '2025-08-12' },
      periodFrom: '2025-08-20', periodTo: '2025-12-19', months: 4, monthlyAmountVnd: 4230000,
        jobCentre: { code: 'TTDVVL-CT', name: 'TTDVVL' }, status: 'active'
    } }),
    ...['HS31135-0000421', 'HS31135-0000422'].map((caseId, i) => canonicalEvent({ entity: 'social-beneficiary',
      entityId: caseId, system: 'chinh-sach', at: 1, fields: {
      caseId, personalId: id, fullName: 'Trần Thị Bảy', programme: i === 0 ? 'merit' : 'social-protection',
        category: i === 0 ? 'war-invalid' : 'elderly-80-plus',
      decision: { number: '87/QĐ-UBND', date: '2020-03-02' }, monthlyAllowanceVnd: 750000,
        allowanceFrom: '2020-03-01', status: 'active'
    } }))
  ])
  if (dead.length > 0) throw new Error(`seed rejected: ${dead.map(d => d.reason).join('; ')}`)
}

t.test('one list over two entities, each behind its own grant', async t => {
  const { app, store } = await openGateway(t)
  await seed(store)
  const c = await makeClient(store, 'so-ldtbxh', 'department', [
    { purpose: 'allowance', entity: 'social-beneficiary', fields: ['caseId', 'category'] },
    { purpose: 'income', entity: 'social-beneficiary', fields: ['caseId', 'monthlyAllowanceVnd'] },
    { purpose: 'income', entity: 'unemployment-benefit', fields: ['benefitId', 'monthlyAmountVnd'] }
  ])
  const get = async (purpose: string, query = '') => await app.inject({ method: 'GET',
    url: `/v1/citizens/${id}/benefits${query}`, headers: { ...bearer(c.key), 'x-purpose': purpose } })

  const one = await get('allowance')
  t.equal(one.statusCode, 200)
  t.same(one.json().data.map((r: any) => [r.meta.entity, r.data]), [
    ['social-beneficiary', { caseId: 'HS31135-0000421', category: 'war-invalid' }],
    ['social-beneficiary', { caseId: 'HS31135-0000422', category: 'elderly-80-plus' }]
  ], 'only the granted entity, only its granted fields (a merit category serialized without its programme)')
  t.notOk(one.body.includes('2451'), 'nothing of the ungranted entity, not even its key')
  t.match((await audits(store)).at(-1), { entity: 'social-beneficiary',
    fields: ['caseId', 'category'], subjects: [id] })

  const before = (await audits(store)).length
  const both = await get('income', '?limit=2')
  t.same(both.json().data.map((r: any) => r.meta.entity), ['unemployment-benefit', 'social-beneficiary'],
    'unemployment benefits first')
  const rest = await get('income', `?limit=2&cursor=${String(both.json().page.next)}`)
  t.same(rest.json().data.map((r: any) => r.data), [{ caseId: 'HS31135-0000422', monthlyAllowanceVnd: 750000 }],
    'the cursor carries on into the second entity')
  t.equal(rest.json().page.next, null)
  const entries = (await audits(store)).slice(before, before + 2)
  t.same(entries.map(e => [e.entity, e.fields]), [['unemployment-benefit', ['benefitId', 'monthlyAmountVnd']],
    ['social-beneficiary', ['caseId', 'monthlyAllowanceVnd']]], 'one audit entry per entity read')

  const narrowed = await get('income', '?fields=monthlyAmountVnd')
  t.same(narrowed.json().data.map((r: any) => [r.meta.entity, r.data]),
    [['unemployment-benefit', { monthlyAmountVnd: 4230000 }]], 'fields= of one entity reads only that entity')
  const unknown = await get('income', '?fields=licenceNumber')
  t.match(unknown.json(), { status: 400, code: 'LT_ERR_FIELD_UNKNOWN' })
  const ungranted = await get('allowance', '?fields=monthlyAmountVnd')
  t.match(ungranted.json(), { status: 403, code: 'LT_ERR_FIELD_NOT_GRANTED' })
  const neither = await get('1.001193')
  t.match(neither.json(), { status: 403, code: 'LT_ERR_FORBIDDEN' })
})
