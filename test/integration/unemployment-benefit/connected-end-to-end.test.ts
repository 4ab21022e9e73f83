// Unemployment benefits end to end on the embedded adapters: the hub starts the simulated city with
// the job centre (viec-lam), the built-in unemployment-benefit connector polls it, the decisions merge
// into golden records linked to their recipients, GET /v1/citizens/{id}/benefits serves them behind
// grants, and invalid records wait in dead letters with reasons naming the field. Few people are on
// benefit, so a small city rarely has an injected invalid one: the test adds three of its own (an
// impossible date, a missing amount, an amount that is not money) to the running department.
import t from 'tap'
import { loadConfig } from '../../../hub/config.js'
import { startHub } from '../../../hub/start-hub.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { createClient, issueKey } from '../../../gateway/security/clients.js'
import { putGrant } from '../../../gateway/security/grants.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { waitFor } from '../../helpers/wait-for.js'

interface Golden { _id: string, entityId?: string, fields?: Record<string, unknown>, sources?: Record<string, unknown> }
type SourceTruth = { type: string, department: string, key: string, field?: string, reason?: string,
  record?: Record<string, unknown> }

t.test('unemployment benefits: polled from viec-lam, merged, read through the route with and without a grant',
  async t => {
  const config = loadConfig({
    env: { LT_SOURCE_UNEMPLOYMENT_BENEFIT_SCHEDULE: '* * * * * *' },
    overrides: {
      dataDir: t.testdir({}), port: 0, logLevel: 'error',
      sim: { port: 0, citizens: 600, seed: 23, changesPerSecond: 0 },
      security: { demoClients: false }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  t.ok(hub.simulatedSources?.['unemployment-benefit'],
    'the unemployment-benefit connector polls the simulated viec-lam department')
  const truth = (hub.city?.sourceTruth ?? []) as SourceTruth[]
  const records = truth.filter(e => e.type === 'source-record' && e.department === 'viec-lam')
  const injected = truth.filter(e => e.type === 'source-invalid' && e.department === 'viec-lam')
  t.ok(records.length > 3, `the department holds benefits (${records.length})`)

  // Three broken copies of a valid decision under keys no record has.
  const table = hub.city?.departments.viecLam.streams['tro-cap']
  if (table === undefined) throw new Error('viec-lam is not served')
  const template = table.get(records[0].key) as Record<string, unknown>
  const broken: Array<{ key: string, field: string, patch: (r: Record<string, unknown>) => void }> = [
    { key: '9999901/QĐ-SNV-2025', field: 'tuNgay', patch: r => { r.tuNgay = '30/2/2025' } },
    { key: '9999902/QĐ-SNV-2025', field: 'mucHuong', patch: r => { delete r.mucHuong } },
    { key: '9999903/QĐ-SNV-2025', field: 'mucHuong', patch: r => { r.mucHuong = '1,85 triệu' } }
  ]
  for (const b of broken) {
    const r: Record<string, unknown> = { ...structuredClone(template), soQuyetDinh: b.key }
    b.patch(r)
    table.add(r)
  }

  // Every valid decision becomes a golden record (the change stream is off, so the count is fixed).
  const goldens = await waitFor(async () => {
    const docs = await hub.store.find('unemployment_benefits', { limit: 1000 }) as Golden[]
    return docs.length >= records.length ? docs : undefined
  }, { what: `${records.length} unemployment-benefit golden records`, timeoutMs: 90000 })
  t.equal(goldens.length, records.length, 'one golden record per valid decision, none for an invalid one')

  // A decision as the ground truth says it should read: one whose recipient is named by CCCD and whose
  // social-insurance number was not copied by hand wrong (bhyt holds the number; that is a conflict).
  const conflicted = new Set(truth.filter(e => e.type === 'source-conflict'
    && e.department === 'viec-lam').map(e => e.key))
  const held = records.find(r => table.get(r.key)?.cccd !== undefined && !conflicted.has(r.key)) as SourceTruth
  const expected = held.record as Record<string, unknown>
  const golden = goldens.find(g => g.fields?.benefitId === expected.benefitId) as Golden
  t.ok(golden, 'the decision is a golden record under its ASCII key')
  for (const field of ['benefitId', 'personalId', 'socialInsuranceNumber', 'decision',
    'periodFrom', 'periodTo', 'months',
    'monthlyAmountVnd', 'jobCentre', 'status', 'endReason', 'endedOn']) {
    t.same(golden.fields?.[field], expected[field], `${field} as the ground truth has it`)
  }
  t.ok(golden.sources?.['viec-lam'] !== undefined, 'viec-lam is its source')
  const recipient = String(expected.personalId)

  // A client with a grant for the benefit's fields reads it; without one, nothing (not even existence).
  await createClient(hub.store, { id: 'test-bhxh', name: 'Social insurance (test)', kind: 'department' })
  const { key } = await issueKey(hub.store, 'test-bhxh')
  await putGrant(hub.store, { clientId: 'test-bhxh', purpose: 'benefit-check', entity: 'unemployment-benefit',
    fields: ['benefitId', 'personalId', 'periodFrom', 'periodTo', 'monthlyAmountVnd', 'status'] })
  const read = async (purpose: string): Promise<{ status: number, body: any }> => {
    const res = await fetch(`${String(hub.gatewayUrl)}/v1/citizens/${recipient}/benefits`, {
      headers: { authorization: `Bearer ${key}`, 'x-purpose': purpose }
    })
    return { status: res.status, body: await res.json() }
  }
  const granted = await waitFor(async () => { const r =
    await read('benefit-check'); return r.status === 200 ? r : undefined },
    { what: 'the recipient\'s benefits', timeoutMs: 60000 })
  const mine = records.filter(r => r.record?.personalId === recipient).map(r => r.record?.benefitId).sort()
  t.same(granted.body.data.map((r: any) => r.data.benefitId).sort(), mine,
    'every benefit of the recipient, no one else\'s')
  const shown = granted.body.data.find((r: any) => r.data.benefitId === expected.benefitId)
  t.equal(shown.data.monthlyAmountVnd, expected.monthlyAmountVnd, 'the amount in integer đồng')
  t.notOk('fullName' in shown.data, 'a field outside the grant is not released')
  t.notOk('socialInsuranceNumber' in shown.data, 'nor the social-insurance number')
  const refused = await read('1.004222')
  t.equal(refused.status, 403)
  t.equal(refused.body.code, 'LT_ERR_FORBIDDEN')

  // The invalid records wait as dead letters of the connector, each with a reason naming the field.
  const invalid = [...injected.map(e => ({ key: e.key, field: String(e.field) })), ...broken]
  const letters = await waitFor(async () => {
    const docs = (await hub.store.find('dead_letters', { limit: 1000 }) as DeadLetterDoc[]).filter(d =>
      d.connector === 'unemployment-benefit')
    // Each invalid record's own letter, not a count that another letter of the connector could make up.
    return invalid.every(bad => docs.some(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))) ? docs
      : undefined
  }, { what: `${invalid.length} unemployment-benefit dead letters`, timeoutMs: 60000 })
  for (const bad of invalid) {
    const letter = letters.find(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))
    t.ok(letter, `invalid decision ${bad.key} is a dead letter`)
    t.match(letter?.reason, new RegExp(bad.field), `its reason names ${bad.field}`)
  }
})
