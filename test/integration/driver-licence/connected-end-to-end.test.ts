// Issue 19's first source end to end on the embedded adapters: the hub starts the simulated city
// with the driver-licensing department (gplx), the built-in driver-licence connector polls it, the
// licences merge into golden records linked to their holders, GET /v1/citizens/{id}/driver-licences
// serves them behind grants, and the department's invalid records wait in dead letters with reasons.
import t from 'tap'
import { loadConfig } from '../../../hub/config.js'
import { startHub } from '../../../hub/start-hub.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { createClient, issueKey } from '../../../gateway/security/clients.js'
import { putGrant } from '../../../gateway/security/grants.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { waitFor } from '../../helpers/wait-for.js'

interface Golden { _id: string, entityId?: string, deleted?: boolean, fields?: Record<string, unknown>,
  sources?: Record<string, unknown> }
type SourceTruth = { type: string, department: string, key: string, field?: string, reason?: string,
  record?: Record<string, unknown> }

t.test('driver licences: polled from gplx, merged, read through the route with and without a grant', async t => {
  const config = loadConfig({
    env: { LT_SOURCE_DRIVER_LICENCE_SCHEDULE: '* * * * * *' },
    overrides: {
      dataDir: t.testdir({}), port: 0, logLevel: 'error',
      sim: { port: 0, citizens: 120, seed: 23, changesPerSecond: 0 },
      security: { demoClients: false }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  t.ok(hub.simulatedSources?.['driver-licence'], 'the driver-licence connector polls the simulated gplx department')
  const truth = (hub.city?.sourceTruth ?? []) as SourceTruth[]
  const records = truth.filter(e => e.type === 'source-record' && e.department === 'gplx')
  const invalid = truth.filter(e => e.type === 'source-invalid' && e.department === 'gplx')
  t.ok(records.length > 5, `the department holds licences (${records.length})`)

  // Every valid licence becomes a golden record (the change stream is off, so the count is fixed).
  const goldens = await waitFor(async () => {
    const docs = await hub.store.find('driver_licences', { limit: 1000 }) as Golden[]
    return docs.length >= records.length ? docs : undefined
  }, { what: `${records.length} driver-licence golden records`, timeoutMs: 90000 })
  t.equal(goldens.length, records.length, 'one golden record per valid licence, none for an invalid one')

  // A licence as the ground truth says it should read, with its legacy class converted.
  // One named by CCCD (a CMND-only holder waits for the link) with two classes if the city has one.
  const table = hub.city?.departments.gplx.streams['giay-phep']
  const byCccd = records.filter(r => table?.get(r.key)?.SO_CCCD !== undefined)
  const held = byCccd.find(r => (r.record?.classes as unknown[]).length > 1) ?? byCccd[0]
  const expected = held.record as Record<string, unknown>
  const golden = goldens.find(g => g.fields?.licenceNumber === held.key) as Golden
  t.ok(golden, 'the licence is a golden record under its number')
  for (const field of ['licenceNumber', 'holderPersonalId', 'classes', 'issuingAuthority', 'points', 'status']) {
    t.same(golden.fields?.[field], expected[field], `${field} as the ground truth has it`)
  }
  t.ok(golden.sources?.gplx !== undefined, 'gplx is its source')
  const holder = String(expected.holderPersonalId)
  await waitFor(async () => await hub.store.get('persons', holder),
    { what: 'the holder\'s golden record', timeoutMs: 60000 })

  // A client with a grant for the licence's fields reads it; without one, nothing (not even existence).
  await createClient(hub.store, { id: 'test-csgt', name: 'Traffic police (test)', kind: 'department' })
  const { key } = await issueKey(hub.store, 'test-csgt')
  await putGrant(hub.store, { clientId: 'test-csgt', purpose: 'traffic-police-check', entity: 'driver-licence',
    fields: ['licenceNumber', 'holderPersonalId', 'classes', 'points', 'status'] })
  const read = async (purpose: string): Promise<{ status: number, body: any }> => {
    const res = await fetch(`${String(hub.gatewayUrl)}/v1/citizens/${holder}/driver-licences`, {
      headers: { authorization: `Bearer ${key}`, 'x-purpose': purpose }
    })
    return { status: res.status, body: await res.json() }
  }
  const granted = await read('traffic-police-check')
  t.equal(granted.status, 200)
  const mine = records.filter(r => r.record?.holderPersonalId === holder).map(r => r.key).sort()
  t.same(granted.body.data.map((r: any) => r.data.licenceNumber).sort(), mine,
    'every licence of the holder, no one else\'s')
  const shown = granted.body.data.find((r: any) => r.data.licenceNumber === held.key)
  t.same(shown.data.classes, expected.classes)
  t.notOk('fullName' in shown.data, 'a field outside the grant is not released')
  const refused = await read('1.004222')
  t.equal(refused.status, 403)
  t.equal(refused.body.code, 'LT_ERR_FORBIDDEN')

  // The invalid records wait as dead letters of the connector, each with a reason naming the field.
  t.ok(invalid.length > 0, `the department injected invalid records (${invalid.length})`)
  const letters = await waitFor(async () => {
    const docs = (await hub.store.find('dead_letters', { limit: 1000 }) as DeadLetterDoc[]).filter(d =>
      d.connector === 'driver-licence')
    // Each invalid record's own letter, not a count that another letter of the connector could make up.
    return invalid.every(bad => docs.some(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))) ? docs
      : undefined
  }, { what: `${invalid.length} driver-licence dead letters`, timeoutMs: 60000 })
  for (const bad of invalid) {
    const letter = letters.find(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))
    t.ok(letter, `invalid licence ${bad.key} (${String(bad.reason)}) is a dead letter`)
    t.match(letter?.reason, new RegExp(String(bad.field).split('.')[0]), `its reason names ${String(bad.field)}`)
  }
})
