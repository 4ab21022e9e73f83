// Social allowances end to end on the embedded adapters: the hub starts the simulated city with the
// social-affairs department (chinh-sach), the built-in social-beneficiary connector polls it, the case
// files merge into golden records linked to their holders, GET /v1/citizens/{id}/benefits serves them
// beside unemployment benefits with a grant checked per entity, invalid records wait in dead letters
// naming the field, and the beneficiaries civil status has registered as dead while the department still
// pays them are raised for chinh-sach on GET /v1/conflicts (signal death-registered). Seed 6 at 600
// citizens lists two such beneficiaries in its truth; the test adds two invalid case files of its own.
import t from 'tap'
import { loadConfig } from '../../../hub/config.js'
import { startHub } from '../../../hub/start-hub.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { createClient, issueKey } from '../../../gateway/security/clients.js'
import { putGrant } from '../../../gateway/security/grants.js'
import { grantableEntities } from '../../../gateway/security/entities.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { waitFor } from '../../helpers/wait-for.js'

interface Golden { _id: string, fields?: Record<string, unknown>, sources?: Record<string, unknown> }
type SourceTruth = { type: string, department: string, key: string, field?: string, reason?: string,
  record?: Record<string, unknown> }

t.test('social allowances: polled from chinh-sach, merged, read beside unemployment benefits, deaths raised',
  async t => {
  const config = loadConfig({
    env: { LT_SOURCE_SOCIAL_BENEFICIARY_SCHEDULE: '* * * * * *' },
    overrides: {
      dataDir: t.testdir({}), port: 0, logLevel: 'error',
      sim: { port: 0, citizens: 600, seed: 6, changesPerSecond: 0 },
      security: { demoClients: false }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  t.ok(hub.simulatedSources?.['social-beneficiary'],
    'the social-beneficiary connector polls the simulated chinh-sach department')
  const truth = (hub.city?.sourceTruth ?? []) as SourceTruth[]
  const records = truth.filter(e => e.type === 'source-record' && e.department === 'chinh-sach')
  const injected = truth.filter(e => e.type === 'source-invalid' && e.department === 'chinh-sach')
  const unreported = truth.filter(e => e.type === 'source-conflict'
    && e.department === 'chinh-sach').map(e => e.key).sort()
  t.ok(records.length > 3 && unreported.length > 0,
    `the department holds case files (${records.length}), some of the dead (${unreported.length})`)

  const table = hub.city?.departments.chinhSach.streams['doi-tuong']
  if (table === undefined) throw new Error('chinh-sach is not served')
  const template = table.get(records[0].key) as Record<string, unknown>
  const broken: Array<{ key: string, field: string, patch: (r: Record<string, unknown>) => void }> = [
    { key: 'HS99999-9999991', field: 'HuongTuNgay', patch: r => { r.HuongTuNgay = '31022024' } },
    { key: 'HS99999-9999992', field: 'MaDoiTuong', patch: r => { r.MaDoiTuong = 'XX' } }
  ]
  for (const b of broken) {
    const r: Record<string, unknown> = { ...structuredClone(template), SoHoSo: b.key }
    b.patch(r)
    table.add(r)
  }

  const goldens = await waitFor(async () => {
    const docs = await hub.store.find('social_beneficiaries', { limit: 1000 }) as Golden[]
    return docs.length >= records.length ? docs : undefined
  }, { what: `${records.length} social-beneficiary golden records`, timeoutMs: 90000 })
  t.equal(goldens.length, records.length, 'one golden record per valid case file, none for an invalid one')
  const held = records.find(r => table.get(r.key)?.SoDinhDanh !== undefined
    && !unreported.includes(r.key)) as SourceTruth
  const expected = held.record as Record<string, unknown>
  const golden = goldens.find(g => g._id === held.key) as Golden
  for (const field of ['caseId', 'personalId', 'programme', 'category', 'decision', 'monthlyAllowanceVnd',
    'allowanceFrom', 'status', 'address']) {
    t.same(golden.fields?.[field], expected[field], `${field} as the ground truth has it`)
  }
  const holder = String(expected.personalId)

  // One client, three purposes: social allowances only, both entities, neither.
  await createClient(hub.store, { id: 'test-ldtbxh', name: 'Social affairs (test)', kind: 'department' })
  const { key } = await issueKey(hub.store, 'test-ldtbxh')
  await putGrant(hub.store, { clientId: 'test-ldtbxh', purpose: 'allowance-check', entity: 'social-beneficiary',
    fields: ['caseId', 'personalId', 'category', 'status'] })
  for (const entity of ['social-beneficiary', 'unemployment-benefit'] as const) {
    await putGrant(hub.store, { clientId: 'test-ldtbxh', purpose: 'income-check', entity,
      fields: [...grantableEntities[entity].fields] })
  }
  const read = async (purpose: string, query = ''): Promise<{ status: number, body: any }> => {
    const res = await fetch(`${String(hub.gatewayUrl)}/v1/citizens/${holder}/benefits${query}`,
      { headers: { authorization: `Bearer ${key}`, 'x-purpose': purpose } })
    return { status: res.status, body: await res.json() }
  }
  const granted = await waitFor(async () => { const r =
    await read('allowance-check'); return r.status === 200 ? r : undefined },
    { what: 'the holder\'s allowances', timeoutMs: 60000 })
  const mine = records.filter(r => r.record?.personalId === holder).map(r => r.key).sort()
  t.same(granted.body.data.map((r: any) => r.data.caseId).sort(), mine, 'every allowance of the holder, no one else\'s')
  t.ok(granted.body.data.every((r: any) => r.meta.entity === 'social-beneficiary'), 'each item says its entity')
  t.notOk('monthlyAllowanceVnd' in granted.body.data[0].data, 'a field outside the grant is not released')
  const both = await read('income-check', '?limit=1')
  t.equal(both.status, 200)
  t.equal(both.body.data.length, 1, 'pages of the asked size')
  const paged = [...both.body.data]
  let next = both.body.page.next
  while (next !== null) {
    const page = await read('income-check', `?limit=1&cursor=${String(next)}`)
    paged.push(...page.body.data)
    next = page.body.page.next
  }
  t.same(paged.filter((r: any) => r.meta.entity === 'social-beneficiary').map((r: any) => r.data.caseId).sort(), mine,
    'the cursor pages through both entities')
  const refused = await read('1.004222')
  t.equal(refused.status, 403)
  t.equal(refused.body.code, 'LT_ERR_FORBIDDEN')

  const invalid = [...injected.map(e => ({ key: e.key, field: String(e.field) })), ...broken]
  const letters = await waitFor(async () => {
    const docs = (await hub.store.find('dead_letters', { limit: 1000 }) as DeadLetterDoc[]).filter(d =>
      d.connector === 'social-beneficiary')
    // Each invalid record's own letter, not a count that another letter of the connector could make up.
    return invalid.every(bad => docs.some(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))) ? docs
      : undefined
  }, { what: `${invalid.length} social-beneficiary dead letters`, timeoutMs: 60000 })
  for (const bad of invalid) {
    const letter = letters.find(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))
    t.ok(letter, `invalid case file ${bad.key} is a dead letter`)
    t.match(letter?.reason, new RegExp(bad.field), `its reason names ${bad.field}`)
  }

  // The department's steward sees the deaths it was never told of.
  await createClient(hub.store, { id: 'test-steward', name: 'Social affairs steward (test)', kind: 'operator' })
  const steward = await issueKey(hub.store, 'test-steward')
  await putGrant(hub.store, { clientId: 'test-steward', purpose: 'data-stewardship', entity: 'social-beneficiary',
    fields: ['caseId', 'status'] })
  const conflicts = await waitFor(async () => {
    const res = await fetch(
      `${String(hub.gatewayUrl)}/v1/conflicts?entity=social-beneficiary&sourceSystem=chinh-sach&status=open`,
      { headers: { authorization: `Bearer ${steward.key}`, 'x-purpose': 'data-stewardship' } })
    const body = await res.json() as { data: Array<{ entityId: string, signal?: string,
      values: Array<{ sourceSystem: string, value: unknown }> }> }
    return res.status === 200 && body.data.length >= unreported.length ? body.data : undefined
  }, { what: `${unreported.length} death signals for chinh-sach`, timeoutMs: 60000 })
  t.same(conflicts.map(c => c.entityId).sort(), unreported, 'exactly the unreported deaths')
  t.ok(conflicts.every(c => c.signal === 'death-registered'), 'each marked as a death signal')
  t.same(conflicts[0].values.map(v => [v.sourceSystem, v.value]), [['ho-tich', 'ended'], ['chinh-sach', 'active']])
  // A steward cannot settle it for the department: the department ends the allowance in its own system.
  const settle = await fetch(`${String(hub.gatewayUrl)}/v1/conflicts/` +
    `${encodeURIComponent(`social-beneficiary:${conflicts[0].entityId}:status`)}/resolution`, {
    method: 'POST',
    headers: { authorization: `Bearer ${steward.key}`, 'x-purpose': 'data-stewardship',
      'content-type': 'application/json' },
    body: JSON.stringify({ sourceSystem: 'ho-tich', legalBasis: 'Nghị định 20/2021/NĐ-CP' })
  })
  t.equal(settle.status, 409)
  t.match(await settle.json(), { code: 'LT_ERR_CONFLICT_IS_SIGNAL' })
})
