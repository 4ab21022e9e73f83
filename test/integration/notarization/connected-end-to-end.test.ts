// Notarizations end to end on the embedded adapters: the hub starts the simulated city with the notary
// register (cong-chung), the built-in notarization connector polls it, the contracts merge into golden
// records linked to their parties and parcels, GET /v1/citizens/{id}/notarizations serves them behind
// grants, a notarized land transfer shows on the parcel it names to a client granted notarization, and
// invalid records wait in dead letters with reasons naming the field (two added to the running register).
import t from 'tap'
import { loadConfig } from '../../../hub/config.js'
import { startHub } from '../../../hub/start-hub.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { createClient, issueKey } from '../../../gateway/security/clients.js'
import { putGrant } from '../../../gateway/security/grants.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { waitFor } from '../../helpers/wait-for.js'

interface Golden { _id: string, fields?: Record<string, unknown>, sources?: Record<string, unknown> }
type SourceTruth = { type: string, department: string, key: string, field?: string, record?: Record<string, unknown> }
interface Party { role: string, personalId?: string }

t.test('notarizations: polled from cong-chung, merged, read through the route and on the parcel', async t => {
  const config = loadConfig({
    env: { LT_SOURCE_NOTARIZATION_SCHEDULE: '* * * * * *' },
    overrides: {
      dataDir: t.testdir({}), port: 0, logLevel: 'error',
      sim: { port: 0, citizens: 400, seed: 23, changesPerSecond: 0 },
      security: { demoClients: false }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  t.ok(hub.simulatedSources?.notarization, 'the notarization connector polls the simulated cong-chung department')
  const truth = (hub.city?.sourceTruth ?? []) as SourceTruth[]
  const records = truth.filter(e => e.type === 'source-record' && e.department === 'cong-chung')
  const injected = truth.filter(e => e.type === 'source-invalid' && e.department === 'cong-chung')
  t.ok(records.length > 3, `the register holds contracts (${records.length})`)

  const table = hub.city?.departments.congChung.streams['hop-dong']
  if (table === undefined) throw new Error('cong-chung is not served')
  const template = table.get(records[0].key) as Record<string, unknown>
  const broken: Array<{ key: string, field: string, patch: (r: Record<string, unknown>) => void }> = [
    { key: 'PCC1-2025-999901', field: 'ngayCongChung', patch: r => { r.ngayCongChung = '30-02-2025' } },
    { key: 'PCC1-2025-999902', field: 'loaiHopDong', patch: r => { r.loaiHopDong = 'Giấy tờ khác' } }
  ]
  for (const b of broken) {
    const r: Record<string, unknown> = { ...structuredClone(template), maHoSo: b.key }
    b.patch(r)
    table.add(r)
  }

  const goldens = await waitFor(async () => {
    const docs = await hub.store.find('notarizations', { limit: 1000 }) as Golden[]
    return docs.length >= records.length ? docs : undefined
  }, { what: `${records.length} notarization golden records`, timeoutMs: 90000 })
  t.equal(goldens.length, records.length, 'one golden record per valid contract, none for an invalid one')

  // A transfer whose parties are all named by personal id and whose serial was typed right.
  const typos = new Set(truth.filter(e => e.type === 'source-conflict'
    && e.department === 'cong-chung').map(e => e.key))
  const transfer = records.find(r => r.record?.transactionType === 'land-use-right-transfer' && !typos.has(r.key) &&
    (table.get(r.key)?.benA as Array<{ loaiGiayTo: string }>).concat(table.get(r.key)?.benB as [])
      .every(p => p.loaiGiayTo === 'CCCD'))
  if (transfer === undefined) throw new Error('no transfer with CCCD parties in this city')
  const expected = transfer.record as Record<string, unknown>
  const golden = goldens.find(g => g._id === transfer.key) as Golden
  for (const field of ['notarizationId', 'notarizationNumber', 'notarizationDate', 'office', 'transactionType',
    'parties', 'property', 'valueVnd', 'status']) {
    t.same(golden.fields?.[field], expected[field], `${field} as the ground truth has it`)
  }
  const buyer = (expected.parties as Party[]).find(p => p.role === 'transferee')?.personalId as string
  const parcelId = (expected.property as { parcelIds: string[] }).parcelIds[0] as string

  await createClient(hub.store, { id: 'test-dat-dai', name: 'Land registration (test)', kind: 'department' })
  const { key } = await issueKey(hub.store, 'test-dat-dai')
  await putGrant(hub.store, { clientId: 'test-dat-dai', purpose: 'land-check', entity: 'land-parcel',
    fields: ['parcelId', 'holderPersonalIds'] })
  const get = async (path: string, purpose = 'land-check'): Promise<{ status: number, body: any }> => {
    const res = await fetch(`${String(hub.gatewayUrl)}${path}`,
      { headers: { authorization: `Bearer ${key}`, 'x-purpose': purpose } })
    return { status: res.status, body: await res.json() }
  }
  const parcelAlone = await waitFor(async () => { const r =
    await get(`/v1/land-parcels/${parcelId}`); return r.status === 200 ? r : undefined },
    { what: 'the parcel of the transfer', timeoutMs: 60000 })
  t.notOk('notarizations' in parcelAlone.body, 'a client without a notarization grant sees the parcel alone')
  t.notOk((parcelAlone.body.data.holderPersonalIds as string[]).includes(buyer),
    'the land register still names the seller')
  t.equal((await get(`/v1/citizens/${buyer}/notarizations`)).status, 403, 'and reads no notarizations')

  await putGrant(hub.store, { clientId: 'test-dat-dai', purpose: 'land-check', entity: 'notarization',
    fields: ['notarizationId', 'transactionType', 'parties', 'notarizationDate'] })
  // Grants are cached for a second (security.grantCacheTtlMs): wait for the new one to be seen.
  const onParcel = await waitFor(async () => { const r =
    await get(`/v1/land-parcels/${parcelId}`); return r.body.notarizations !== undefined ? r : undefined },
    { what: 'the parcel read with the notarization grant' })
  const shown = (onParcel.body.notarizations as Array<{ data: Record<string, unknown> }>).find(n =>
    n.data.notarizationId === transfer.key)
  t.ok(shown, 'the notarized transfer shows on the parcel')
  t.equal(shown?.data.transactionType, 'land-use-right-transfer')
  t.ok((shown?.data.parties as Party[]).some(p => p.personalId === buyer),
    'naming the buyer the land register does not know yet')
  // The route serves the links of a known citizen only, and the buyer's own record comes from civil status,
  // polled beside the notary office: the notarizations above may merge first. Wait for it.
  await waitFor(async () => await hub.store.get('persons', buyer), { what: 'the buyer\'s golden record' })
  const theirs = await get(`/v1/citizens/${buyer}/notarizations`)
  t.equal(theirs.status, 200)
  t.ok((theirs.body.data as Array<{ data: Record<string, unknown> }>).some(n => n.data.notarizationId === transfer.key),
    'the buyer\'s list has it')

  const invalid = [...injected.map(e => ({ key: e.key, field: String(e.field) })), ...broken]
  const letters = await waitFor(async () => {
    const docs = (await hub.store.find('dead_letters', { limit: 1000 }) as DeadLetterDoc[]).filter(d =>
      d.connector === 'notarization')
    // Each invalid record's own letter, not a count that another letter of the connector could make up.
    return invalid.every(bad => docs.some(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))) ? docs
      : undefined
  }, { what: `${invalid.length} notarization dead letters`, timeoutMs: 60000 })
  for (const bad of invalid) {
    const letter = letters.find(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))
    t.ok(letter, `invalid contract ${bad.key} is a dead letter`)
    t.match(letter?.reason, new RegExp(bad.field.split('.').at(-1) as string), `its reason names ${bad.field}`)
  }
})
