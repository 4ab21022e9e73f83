// GET /v1/unresolved: operators see which legacy keys records wait for, page by page; others cannot.
import t from 'tap'
import { openGateway, makeClient, bearer, OPERATOR_KEY } from '../security/helpers.js'

t.test('unresolved records', async t => {
  const { app, store } = await openGateway(t)
  const source = { system: 'bhyt', connector: 'health-insurance', connectorVersion: '1.0.0', sourceKey: 'k',
    sourceTime: '2026-01-01T00:00:00.000Z', ingestTime: '2026-01-01T00:00:01.000Z', position: '1' }
  const entry = (raw: string, system = 'bhyt') => ({ entity: 'health-insurance-card', op: 'upsert',
    source: { ...source, system }, fields: { cardNumber: 'x' }, rawEventId: raw })
  await store.bulkUpsert('unresolved', ['361000001', '361000002', '361000003'].map((value, i) => ({
    doc: { _id: `cmnd:${value}`, version: 1, kind: 'cmnd', value, since: `2026-01-0${i + 1}T00:00:00.000Z`,
      entries: i === 0 ? [entry('a'), entry('b', 'dat-dai')] : [entry('c')] },
    expectedVersion: null
  })))
  const get = async (url: string, key = OPERATOR_KEY) => await app.inject({ method: 'GET', url, headers: bearer(key) })
  const first = await get('/v1/unresolved?limit=2')
  t.equal(first.statusCode, 200)
  t.same(first.json().data[0], { id: 'cmnd:361000001', kind: 'cmnd', key: '361000001',
    since: '2026-01-01T00:00:00.000Z', records: 2, entities: ['health-insurance-card'], sources: ['bhyt', 'dat-dai'] })
  t.notOk(JSON.stringify(first.json()).includes('cardNumber'), 'no personal fields of the waiting records')
  const second = await get(`/v1/unresolved?limit=2&cursor=${first.json().page.next as string}`)
  t.same(second.json().data.map((d: { key: string }) => d.key), ['361000003'])
  t.equal(second.json().page.next, null)
  t.equal((await get('/v1/unresolved?cursor=bad!')).statusCode, 400)
  const dept = await makeClient(store, 'dept', 'department')
  t.equal((await get('/v1/unresolved', dept.key)).statusCode, 403, 'operators only')
  t.equal((await app.inject({ method: 'GET', url: '/v1/unresolved' })).statusCode, 401)
})
