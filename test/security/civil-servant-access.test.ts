// Civil servants are the most sensitive source of the hub (docs/sources/civil-servant.md): no demo
// client is granted them, not even the demo operator's data stewardship, so every demo key is refused
// GET /v1/civil-servants/{staffCode} under each purpose it holds; a home-affairs client with an
// explicit grant reads the record, and the read is audited. The access matrix (access-matrix.test.ts)
// runs the same route against clients without the grant.
import t from 'tap'
import { join } from 'node:path'
import { demoClients, ensureDemoClients, STEWARDSHIP_PURPOSE } from '../../gateway/security/demo-clients.js'
import type { AuditBlock } from '../../gateway/security/audit-chain.js'
import { bearer, makeClient, openGateway, person } from './helpers.js'
import { matrixKeys, seedMatrixCity } from './endpoints.js'

t.test('no demo client holds a grant on civil-servant', async t => {
  for (const demo of demoClients()) {
    t.same(demo.grants.filter(g => g.entity === 'civil-servant'), [], `${demo.id} has no civil-servant grant`)
  }
})

t.test('every demo key is refused a civil servant; an explicit home-affairs grant reads it, audited', async t => {
  const { app, store } = await openGateway(t)
  const id = '092090000001'
  await seedMatrixCity(store, [person(id)])
  const url = `/v1/civil-servants/${matrixKeys(id).staff}`
  const demo = await ensureDemoClients(store, join(t.testdir({}), 'demo-keys.json'))
  const grants = new Map(demoClients().map(d => [d.id, d.grants]))
  for (const client of demo) {
    const purposes = new Set([...(grants.get(client.id) ?? []).map(g => g.purpose), STEWARDSHIP_PURPOSE])
    for (const purpose of purposes) {
      const res = await app.inject({ method: 'GET', url, headers: { ...bearer(client.key), 'x-purpose': purpose } })
      t.equal(res.statusCode, 403, `${client.id} under ${purpose}: 403`)
      t.notOk(res.body.includes(id), `${client.id} under ${purpose}: nothing of the servant in the refusal`)
    }
  }

  const homeAffairs = await makeClient(store, 'so-noi-vu', 'department',
    [{ purpose: 'quan-ly-can-bo', entity: 'civil-servant', fields: ['staffCode', 'unit', 'rank'] }])
  const before = (await store.find('audit', { orderBy: { field: '_id' },
    limit: 5000 }) as AuditBlock[]).flatMap(b => b.entries).length
  const res = await app.inject({ method: 'GET', url, headers: { ...bearer(homeAffairs.key),
    'x-purpose': 'quan-ly-can-bo' } })
  t.equal(res.statusCode, 200, 'home affairs reads under its grant')
  t.same(Object.keys(res.json().data).sort(), ['rank', 'staffCode', 'unit'], 'only the granted fields')
  const entries = (await store.find('audit', { orderBy: { field: '_id' },
    limit: 5000 }) as AuditBlock[]).flatMap(b => b.entries)
  t.equal(entries.length, before + 1, 'one audit entry for the read')
  t.match(entries.at(-1), { clientId: 'so-noi-vu', purpose: 'quan-ly-can-bo', entity: 'civil-servant', subjects: [id] })
  const other = await app.inject({ method: 'GET', url, headers: { ...bearer(homeAffairs.key),
    'x-purpose': STEWARDSHIP_PURPOSE } })
  t.equal(other.statusCode, 403, 'and nothing under another purpose')
})
