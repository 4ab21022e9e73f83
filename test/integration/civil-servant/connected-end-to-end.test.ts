// Civil servants end to end on the embedded adapters: the hub starts the simulated city with the
// home-affairs personnel database (noi-vu), the built-in civil-servant connector polls it, the staff
// records merge into golden records linked to the servant, GET /v1/civil-servants/{staffCode} serves
// them to a home-affairs client with an explicit grant (nothing without it), and invalid records wait
// in dead letters with reasons naming the field. The test adds three broken staff records of its own
// (an impossible birth date, a missing unit, an unknown category) so a small city always has some.
import t from 'tap'
import { loadConfig } from '../../../hub/config.js'
import { startHub } from '../../../hub/start-hub.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { createClient, issueKey } from '../../../gateway/security/clients.js'
import { putGrant } from '../../../gateway/security/grants.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { waitFor } from '../../helpers/wait-for.js'

interface Golden { _id: string, entityId?: string, fields?: Record<string, unknown>, sources?: Record<string, unknown> }
type SourceTruth = { type: string, department: string, key: string, field?: string, record?: Record<string, unknown> }

t.test('civil servants: polled from noi-vu, merged, read by staff code under a home-affairs grant only', async t => {
  const config = loadConfig({
    env: { LT_SOURCE_CIVIL_SERVANT_SCHEDULE: '* * * * * *' },
    overrides: {
      dataDir: t.testdir({}), port: 0, logLevel: 'error',
      sim: { port: 0, citizens: 400, seed: 23, changesPerSecond: 0 },
      security: { demoClients: false }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  t.ok(hub.simulatedSources?.['civil-servant'], 'the civil-servant connector polls the simulated noi-vu department')
  const truth = (hub.city?.sourceTruth ?? []) as SourceTruth[]
  const records = truth.filter(e => e.type === 'source-record' && e.department === 'noi-vu')
  const injected = truth.filter(e => e.type === 'source-invalid' && e.department === 'noi-vu')
  t.ok(records.length > 3, `the department holds staff records (${records.length})`)

  const table = hub.city?.departments.noiVu.streams['can-bo']
  if (table === undefined) throw new Error('noi-vu is not served')
  const byCccd = records.filter(r => table.get(r.key)?.so_cccd !== undefined)
  const template = table.get(byCccd[0]?.key ?? '') as Record<string, unknown>
  const broken: Array<{ key: string, field: string, patch: (r: Record<string, unknown>) => void }> = [
    { key: 'ZZ99990001', field: 'ngay_sinh', patch: r => { r.ngay_sinh = '1990-02-30' } },
    { key: 'ZZ99990002', field: 'don_vi', patch: r => { delete r.don_vi } },
    { key: 'ZZ99990003', field: 'loai', patch: r => { r.loai = 'HD' } }
  ]
  for (const b of broken) {
    const r: Record<string, unknown> = { ...structuredClone(template), ma_can_bo: b.key }
    b.patch(r)
    table.add(r)
  }

  // Every valid servant named by CCCD becomes a golden record at once (one named by CMND only waits
  // for civil status to link the CMND); none for an invalid one. The change stream is off.
  const goldens = await waitFor(async () => {
    const docs = await hub.store.find('civil_servants', { limit: 1000 }) as Golden[]
    return byCccd.every(r => docs.some(d => d.fields?.staffCode === r.key)) ? docs : undefined
  }, { what: `${byCccd.length} civil-servant golden records`, timeoutMs: 90000 })
  t.ok(goldens.every(g => records.some(r => r.key === g.fields?.staffCode)),
    'golden records for valid staff records only')

  const expected = byCccd[0]?.record as Record<string, unknown>
  const golden = goldens.find(g => g.fields?.staffCode === expected.staffCode) as Golden
  for (const field of ['staffCode', 'personalId', 'fullName', 'category', 'unit', 'position', 'rank', 'salaryStep',
    'salaryCoefficient', 'status']) {
    t.same(golden.fields?.[field], expected[field], `${field} as the ground truth has it`)
  }
  t.ok(golden.sources?.['noi-vu'] !== undefined, 'noi-vu is its source')
  const person = await hub.store.get('persons', String(expected.personalId)) as Golden | undefined
  t.equal(person?.sources?.['noi-vu'], undefined, 'the servant\'s golden person has nothing from noi-vu')

  await createClient(hub.store, { id: 'so-noi-vu', name: 'Home affairs (test)', kind: 'department' })
  const { key } = await issueKey(hub.store, 'so-noi-vu')
  await putGrant(hub.store, { clientId: 'so-noi-vu', purpose: 'quan-ly-can-bo', entity: 'civil-servant',
    fields: ['staffCode', 'category', 'unit', 'rank', 'status'] })
  const read = async (code: string, purpose: string): Promise<{ status: number, body: any }> => {
    const res = await fetch(`${String(hub.gatewayUrl)}/v1/civil-servants/${code}`,
      { headers: { authorization: `Bearer ${key}`, 'x-purpose': purpose } })
    return { status: res.status, body: await res.json() }
  }
  const ok = await waitFor(async () => { const r = await read(String(expected.staffCode),
    'quan-ly-can-bo'); return r.status === 200 ? r : undefined },
    { what: 'the servant through the route', timeoutMs: 60000 })
  t.same(ok.body.data.unit, expected.unit, 'the unit')
  t.notOk('personalId' in ok.body.data || 'fullName' in ok.body.data, 'fields outside the grant are not released')
  const refused = await read(String(expected.staffCode), '1.004222')
  t.equal(refused.status, 403)
  t.equal(refused.body.code, 'LT_ERR_FORBIDDEN')
  t.equal((await read('ZZ99990001', 'quan-ly-can-bo')).status, 404, 'an invalid record is not served')

  const invalid = [...injected.map(e => ({ key: e.key, field: String(e.field) })), ...broken]
  const letters = await waitFor(async () => {
    const docs = (await hub.store.find('dead_letters', { limit: 1000 }) as DeadLetterDoc[]).filter(d =>
      d.connector === 'civil-servant')
    // Each invalid record's own letter, not a count that another letter of the connector could make up.
    return invalid.every(bad => docs.some(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))) ? docs
      : undefined
  }, { what: `${invalid.length} civil-servant dead letters`, timeoutMs: 60000 })
  for (const bad of invalid) {
    const letter = letters.find(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))
    t.ok(letter, `invalid staff record ${bad.key} is a dead letter`)
    t.match(letter?.reason, new RegExp(bad.field), `its reason names ${bad.field}`)
  }
})
