// Writing the audit entry is part of the read: when it fails or hangs, the read fails with 503 and
// carries no data. And "who read my data": the access log lists every read of one citizen.
import t from 'tap'
import type { Store } from '../../infra/ports/store.js'
import { bearer, makeClient, openGateway, openTestStore, person, seedPerson } from './helpers.js'

const id = '092090000001'
const grants = [{ purpose: '1.001193', entity: 'person' as const, fields: ['fullName', 'birthDate'] },
  { purpose: 'ND13-2023-D9', entity: 'access-log' as const, fields: ['seq', 'at', 'clientId', 'purpose', 'entity',
  'fields', 'requestId'] }]

t.test('a read whose audit entry cannot be written fails with 503 and no data', async t => {
  const real = openTestStore(t)
  let fault: 'none' | 'audit' | 'access_log' | 'hang' = 'none'
  // The real SQLite store with a fault switched in on the audit collections.
  const store: Store = {
    ...real,
    bulkUpsert: async (collection, writes) => {
      if (fault === 'hang' && collection === 'audit') return await new Promise(() => {})
      if (fault === collection) throw new Error('disk full')
      return await real.bulkUpsert(collection, writes)
    }
  }
  await seedPerson(real, person(id))
  const client = await makeClient(real, 'mot-cua', 'one-stop', grants)
  const { app, logs } = await openGateway(t, { store, security: { auditTimeoutMs: 300 } })
  const readIt = async () => await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
    headers: { ...bearer(client.key), 'x-purpose': '1.001193' } })

  t.equal((await readIt()).statusCode, 200)
  for (const f of ['audit', 'access_log', 'hang'] as const) {
    fault = f
    const res = await readIt()
    t.equal(res.statusCode, 503, `${f}: 503`)
    t.equal(res.json().code, 'LT_ERR_AUDIT_UNAVAILABLE')
    t.equal(res.headers['retry-after'], '1')
    t.notMatch(res.body, /Trần|1990/, `${f}: no personal data in the body`)
  }
  fault = 'none'
  t.equal((await readIt()).statusCode, 200, 'reads resume once the audit log is back')
  t.match(logs(), /audit append failed: read refused/)
})

t.test('the access log answers who read a citizen\'s data, newest first, one citizen only', async t => {
  const { app, store } = await openGateway(t)
  await seedPerson(store, person(id))
  await seedPerson(store, person('092190000002'))
  const motCua = await makeClient(store, 'mot-cua', 'one-stop', grants)
  const dept = await makeClient(store, 'dept-a', 'department',
    [{ purpose: '1.000894', entity: 'person', fields: ['maritalStatus'] }])
  const r1 = await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
    headers: { ...bearer(motCua.key), 'x-purpose': '1.001193' } })
  const r2 = await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
    headers: { ...bearer(dept.key), 'x-purpose': '1.000894' } })
  await app.inject({ method: 'GET', url: '/v1/citizens/092190000002',
    headers: { ...bearer(dept.key), 'x-purpose': '1.000894' } })
  // refused: not a read
  await app.inject({ method: 'GET', url: `/v1/citizens/${id}`, headers: { ...bearer(dept.key),
    'x-purpose': '1.001193' } })

  const logAs = async (query = '') => await app.inject({ method: 'GET', url: `/v1/citizens/${id}/access-log${query}`,
    headers: { ...bearer(motCua.key), 'x-purpose': 'ND13-2023-D9' } })
  const page = await logAs()
  t.equal(page.statusCode, 200)
  t.same(page.json().data.map((l: Record<string, unknown>) => [l.clientId, l.purpose, l.entity,
    l.fields, l.requestId]), [
    ['dept-a', '1.000894', 'person', ['maritalStatus'], r2.headers['x-request-id']],
    ['mot-cua', '1.001193', 'person', ['birthDate', 'fullName'], r1.headers['x-request-id']]
  ])
  t.equal(page.json().next, null)
  // Reading the log is itself a read of personal data, so it shows up next time.
  const again = await logAs('?limit=1')
  t.equal(again.json().data[0].entity, 'access-log')
  t.equal(again.json().data[0].purpose, 'ND13-2023-D9')
  const older = await logAs(`?limit=1&before=${again.json().next as number}`)
  t.equal(older.json().data[0].requestId, r2.headers['x-request-id'], 'paging by `before` continues with older reads')
})
