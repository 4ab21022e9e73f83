// Gateway basics on a real (embedded) store: OpenAPI, Swagger UI, health, request ids, problems.
import t from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { buildGateway } from '../../gateway/app.js'
import { createClient, issueKey } from '../../gateway/security/clients.js'

t.test('gateway basics', async t => {
  const store = openEmbeddedStore({ file: join(t.testdir({}), 'store.sqlite') })
  let storeUp = true
  const app = await buildGateway({
    store,
    logger: pino({ level: 'silent' }),
    readiness: [{ name: 'store', check: async () => { if (!storeUp) throw new Error('store unreachable') } }]
  })
  t.teardown(async () => { await app.close(); await store.close() })

  const doc = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(doc.statusCode, 200)
  const openapi = doc.json()
  t.equal(openapi.openapi, '3.1.0')
  t.ok(openapi.paths['/v1/citizens/{personalId}']?.get, 'citizen lookup documented')
  t.ok(openapi.components.schemas.PersonView,
    'the person view is a named component (the unused raw Person is not, issue 18)')
  t.ok(openapi.components.schemas.Problem, 'Problem is a named component')

  const ui = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)

  t.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200)
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.same(ready.json(), { status: 'ready', checks: { store: 'up' } })
  storeUp = false
  const notReady = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(notReady.statusCode, 503)
  t.equal(notReady.json().checks.store, 'down: store unreachable')

  const echoed = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'req-123' } })
  t.equal(echoed.headers['x-request-id'], 'req-123', 'a caller\'s request id is kept')
  const generated = await app.inject({ method: 'GET', url: '/health/live' })
  t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'otherwise one is made')

  const unknown = await app.inject({ method: 'GET', url: '/v1/nowhere/092123456789' })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.headers['content-type'], /application\/problem\+json/)
  t.equal(unknown.json().code, 'LT_ERR_ROUTE_NOT_FOUND')
  t.notMatch(unknown.json().detail, /092123456789/, 'ids are not echoed back')

  // Authenticated, so the request reaches validation (without a key it stops at 401 first).
  await createClient(store, { id: 'dept-a', name: 'A department', kind: 'department' })
  const { key } = await issueKey(store, 'dept-a')
  const bad = await app.inject({ method: 'GET', url: '/v1/citizens/12ab',
    headers: { authorization: `Bearer ${key}`, 'x-purpose': '1.001193' } })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().code, 'LT_ERR_VALIDATION')
  t.equal(bad.json().errors[0].path, 'params/personalId')
})
