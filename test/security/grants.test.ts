// Grants are data: set, narrowed and removed at run time through the admin API (seen at once) or
// by another process (seen within the grant-cache TTL), never needing a restart.
import t from 'tap'
import { join } from 'node:path'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { putGrant } from '../../gateway/security/grants.js'
import { waitFor } from '../helpers/wait-for.js'
import { bearer, makeClient, openGateway, openTestStore, person, seedPerson, OPERATOR_KEY } from './helpers.js'

const id = '092090000001'
const op = bearer(OPERATOR_KEY)

t.test('grants change at run time through the admin API', async t => {
  const { app, store } = await openGateway(t, { security: { grantCacheTtlMs: 60000 } })
  await seedPerson(store, person(id))
  const client = await makeClient(store, 'dept-a', 'department')
  const readAs = async (purpose = '1.000894') => await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
    headers: { ...bearer(client.key), 'x-purpose': purpose } })

  t.equal((await readAs()).statusCode, 403, 'deny by default')
  const grantUrl = '/v1/admin/clients/dept-a/grants/person/1.000894'
  const set = await app.inject({ method: 'PUT', url: grantUrl, headers: op,
    payload: { fields: ['fullName', 'birthDate', 'permanentAddress.wardCode'] } })
  t.equal(set.statusCode, 200)
  t.same(set.json().fields, ['birthDate', 'fullName', 'permanentAddress.wardCode'])
  t.same((await readAs()).json().data, { fullName: 'Trần Thị Mai', birthDate: '1990-09-02',
    permanentAddress: { wardCode: '31117' } }, 'granted at once, despite a 60 s grant cache')

  await app.inject({ method: 'PUT', url: grantUrl, headers: op, payload: { fields: ['fullName'] } })
  t.same((await readAs()).json().data, { fullName: 'Trần Thị Mai' }, 'narrowed at once')
  t.equal((await readAs('1.001193')).statusCode, 403, 'a grant for one purpose opens no other purpose')

  const listed = await app.inject({ method: 'GET', url: '/v1/admin/clients/dept-a/grants', headers: op })
  t.same(listed.json().data.map((g: { purpose: string, entity: string }) =>
    `${g.entity}:${g.purpose}`), ['person:1.000894'])

  t.equal((await app.inject({ method: 'DELETE', url: grantUrl, headers: op })).statusCode, 204)
  const denied = await readAs()
  t.equal(denied.statusCode, 403, 'removed at once')
  t.equal((await app.inject({ method: 'DELETE', url: grantUrl, headers: op })).json().code, 'LT_ERR_GRANT_NOT_FOUND')
})

t.test('the admin API refuses bad grants and clients', async t => {
  const { app, store } = await openGateway(t)
  await makeClient(store, 'dept-a', 'department')
  const unknownField = await app.inject({ method: 'PUT', url: '/v1/admin/clients/dept-a/grants/person/1.000894',
    headers: op, payload: { fields: ['fullName', 'salary'] } })
  t.equal(unknownField.statusCode, 400)
  t.equal(unknownField.json().code, 'LT_ERR_GRANT_FIELD_UNKNOWN')
  t.same(unknownField.json().errors, [{ path: 'body/fields/1', message: 'is not a field of person' }])
  t.equal((await app.inject({ method: 'PUT', url: '/v1/admin/clients/dept-a/grants/salaries/1.000894', headers: op,
    payload: { fields: ['x'] } })).json().code, 'LT_ERR_VALIDATION')
  t.equal((await app.inject({ method: 'PUT', url: '/v1/admin/clients/nobody/grants/person/1.000894', headers: op,
    payload: { fields: ['fullName'] } })).json().code, 'LT_ERR_CLIENT_NOT_FOUND')
  t.equal((await app.inject({ method: 'PUT', url: '/v1/admin/clients/dept-a/grants/person/1.000894', headers: op,
    payload: { fields: [] } })).json().code, 'LT_ERR_VALIDATION', 'an empty grant is no grant')

  const created = await app.inject({ method: 'POST', url: '/v1/admin/clients', headers: op,
    payload: { id: 'mot-cua', name: 'Một cửa', kind: 'one-stop' } })
  t.equal(created.statusCode, 201)
  t.match(created.json().key.key, /^lt_[0-9a-f]{16}_/, 'the key is shown once, at creation')
  t.equal((await app.inject({ method: 'POST', url: '/v1/admin/clients', headers: op,
    payload: { id: 'mot-cua', name: 'again', kind: 'one-stop' } })).json().code, 'LT_ERR_CLIENT_EXISTS')
  t.equal((await app.inject({ method: 'POST', url: '/v1/admin/clients', headers: op,
    payload: { id: 'Bad Id', name: 'x', kind: 'one-stop' } })).json().code, 'LT_ERR_VALIDATION')
  const all = await app.inject({ method: 'GET', url: '/v1/admin/clients', headers: op })
  t.same(all.json().data.map((c: { id: string }) => c.id), ['dept-a', 'mot-cua'])
  const page2 = await app.inject({ method: 'GET', url: '/v1/admin/clients?limit=1&after=dept-a', headers: op })
  t.same(page2.json().data.map((c: { id: string }) => c.id), ['mot-cua'])
  const entities = await app.inject({ method: 'GET', url: '/v1/admin/entities', headers: op })
  t.ok(entities.json().data.find((e: { entity: string, fields: string[] }) => e.entity === 'person')
    ?.fields.includes('permanentAddress.wardCode'))
})

t.test('a grant changed by another process is seen within the grant-cache TTL', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  const store = openTestStore(t, file)
  await seedPerson(store, person(id))
  const client = await makeClient(store, 'dept-a', 'department',
    [{ purpose: '1.000894', entity: 'person', fields: ['fullName', 'phone'] }])
  const { app } = await openGateway(t, { store: openTestStore(t, file), security: { grantCacheTtlMs: 300 } })
  const readAs = async () => await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
    headers: { ...bearer(client.key), 'x-purpose': '1.000894' } })
  t.same((await readAs()).json().data, { fullName: 'Trần Thị Mai', phone: '0912345678' })
  const other = openEmbeddedStore({ file })
  await putGrant(other, { clientId: 'dept-a', purpose: '1.000894', entity: 'person', fields: ['fullName'] })
  await other.close()
  const narrowed = await waitFor(async () => { const r = await readAs(); return r.json().data?.phone === undefined ? r
    : undefined }, { timeoutMs: 5000, what: 'the narrowed grant' })
  t.same(narrowed.json().data, { fullName: 'Trần Thị Mai' })
})
