// The thin slice end to end, for any pair of adapters: a record changed in the simulated
// civil-status source shows up through the API, a deleted one answers 410.
import type { Test } from 'tap'
import { loadConfig, type DeepPartial } from '../../hub/config.js'
import type { HubConfig } from '../../infra/config/schema.js'
import { createLogger } from '../../infra/logging/logger.js'
import { startHub } from '../../hub/start-hub.js'
import { waitFor } from '../helpers/wait-for.js'
import { createClient, issueKey } from '../../gateway/security/clients.js'
import { putGrant } from '../../gateway/security/grants.js'

// Bounds, never timings: on Kafka + FerretDB the city's thirteen sources take the snapshot near a
// minute on a quiet 2-core machine (49 s), well past that on a loaded one.
const SLICE_WAIT_MS = 300000

export async function sliceScenario (t: Test, overrides: DeepPartial<HubConfig>): Promise<void> {
  const config = loadConfig({
    overrides: {
      port: 0,
      logLevel: 'warn',
      sim: { port: 0, citizens: 40, seed: 7, changesPerSecond: 0 },
      sources: { 'civil-status': { schedule: '* * * * * *', pageSize: 15 } },
      consumer: { batchSize: 10 },
      ...overrides
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  const source = hub.source
  const app = hub.gateway
  if (source === undefined || app === undefined) throw new Error('role all must start the source and the gateway')
  // A department client granted the fields this scenario reads, made as the admin API makes them.
  await createClient(hub.store, { id: 'slice-dept', name: 'Slice test department', kind: 'department' })
  const { key } = await issueKey(hub.store, 'slice-dept')
  await putGrant(hub.store, { clientId: 'slice-dept', purpose: '1.001193', entity: 'person',
    fields: ['personalId', 'fullName', 'birthDate', 'sex'] })
  const get = async (id: string): Promise<{ statusCode: number, body: any }> => {
    const res = await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
      headers: { authorization: `Bearer ${key}`, 'x-purpose': '1.001193' }, query: { include: 'provenance' } })
    return { statusCode: res.statusCode, body: res.json() }
  }

  // The connectors' first snapshot is loading meanwhile: a store busy with it (FerretDB beside other work)
  // may answer a ping after readiness's 3 s bound, a truthful 503 for that moment. Wait for the answer.
  const ready = await waitFor(async () => {
    const r = await app.inject({ method: 'GET', url: '/health/ready' })
    return r.statusCode === 200 ? r : undefined
  }, { what: 'readiness 200', timeoutMs: SLICE_WAIT_MS })
  t.equal(ready.statusCode, 200, 'ready: event log and store answer')

  const [first, second] = source.records()
  // Departments arrive in any order; wait until civil status, the authority on identity, has.
  const initial = await waitFor(async () => {
    const r = await get(first.so_dinh_danh)
    return r.body.meta?.provenance?.fullName?.sourceSystem === 'ho-tich' ? r : undefined
  }, { what: 'the civil-status snapshot to reach the API', timeoutMs: SLICE_WAIT_MS })
  t.equal(initial.body.data.personalId, first.so_dinh_danh)
  t.equal(initial.body.data.fullName, first.ho_va_ten.normalize('NFC').toLocaleLowerCase('vi')
    .replace(/(^|\s)(\p{L})/gu, (_m: string, s: string, c: string) => s + c.toLocaleUpperCase('vi')),
    'name normalized from upper case')
  t.match(initial.body.data.birthDate, /^\d{4}-\d{2}-\d{2}$/, 'date normalized to ISO')
  t.equal(initial.body.meta.provenance.fullName.sourceSystem, 'ho-tich',
    'identity comes from civil status, its authoritative source')

  // Every citizen of the snapshot arrives.
  await waitFor(async () => {
    const docs = await hub.store.getMany('persons', source.records().map(r => r.so_dinh_danh))
    return docs.size === source.records().length
  }, { what: 'all snapshot records in the store', timeoutMs: SLICE_WAIT_MS })

  const changed = source.update(first.so_dinh_danh,
    { ho_va_ten: 'TRẦN THỊ MINH THƯ', gioi_tinh: 'Nữ', ngay_sinh: '02091990' })
  const after = await waitFor(async () => {
    const r = await get(first.so_dinh_danh)
    return r.body.data?.fullName === 'Trần Thị Minh Thư' ? r : undefined
  }, { what: 'the change to reach the API', timeoutMs: SLICE_WAIT_MS })
  t.equal(after.body.data.birthDate, '1990-09-02')
  t.equal(after.body.data.sex, 'female')
  t.ok(after.body.meta.version > initial.body.meta.version, 'version moved forward')
  t.equal(after.body.meta.provenance.fullName.sourceTime, changed.ngay_cap_nhat,
    'source time is the source\'s update time')

  // A delete at civil status withdraws its contribution; other departments still hold the person.
  source.remove(second.so_dinh_danh)
  // meta lists only sources that hold a returned value (issue 11), so a withdrawn source drops out of it
  // and no returned field names it any more.
  const withdrawn = await waitFor(async () => {
    const r = await get(second.so_dinh_danh)
    const sources = r.body.meta?.sources ?? {}
    return r.statusCode === 200 && Object.keys(sources).length > 0 && !('ho-tich' in sources) ? r : undefined
  }, { what: 'the delete to reach the API', timeoutMs: SLICE_WAIT_MS })
  t.equal(withdrawn.statusCode, 200, 'still known to other sources')
  const namedSources = Object.values(withdrawn.body.meta.provenance).map((p: any) => p.sourceSystem)
  t.notOk(namedSources.includes('ho-tich'), 'no returned field comes from civil status any more')
  // A person only civil status knew becomes a tombstone when it is deleted there.
  const only = { ...first, so_dinh_danh: '092199000777', ho_va_ten: 'PHẠM THỊ MỘT', so_cmnd: undefined }
  source.add(only)
  await waitFor(async () => (await get(only.so_dinh_danh)).statusCode === 200,
    { what: 'a new person', timeoutMs: SLICE_WAIT_MS })
  source.remove(only.so_dinh_danh)
  const gone = await waitFor(async () => {
    const r = await get(only.so_dinh_danh)
    return r.statusCode === 410 ? r : undefined
  }, { what: 'the tombstone', timeoutMs: SLICE_WAIT_MS })
  t.equal(gone.body.code, 'LT_ERR_CITIZEN_DELETED')

  const missing = await get('092999999999')
  t.equal(missing.statusCode, 404)
  t.equal(missing.body.code, 'LT_ERR_CITIZEN_NOT_FOUND')
  t.equal(hub.connectors[0].status().lastError, undefined, 'the connector reports no error')
}
