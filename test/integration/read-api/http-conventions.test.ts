// HTTP conventions the OpenAPI document promises (issue 11.12, 18): errors as problem+json with a
// URI instance, 405 with Allow, 415 for non-JSON bodies, renamed lookups, stable operationIds.
import t from 'tap'
import { cmnd, openReadApi, PURPOSE } from './fixture.js'
import { operationIds } from '../../../gateway/openapi/operation-ids.js'

t.test('unknown method on a known path: 405 with Allow, as problem+json', async t => {
  const api = await openReadApi(t)
  const trace = await api.app.inject({ method: 'TRACE', url: '/v1/citizens/092085001234' })
  t.equal(trace.statusCode, 405)
  t.equal(trace.headers.allow, 'GET, HEAD')
  t.match(trace.headers['content-type'], /^application\/problem\+json/)
  t.equal(trace.json().code, 'LT_ERR_METHOD_NOT_ALLOWED')
  t.match(trace.json().instance, /^urn:uuid:[0-9a-f-]{36}$/, 'instance is a URI')
  // The parametric GET /v1/citizens/:personalId does not make /v1/citizens/search a GET path.
  const get = await api.get('/v1/citizens/search')
  t.equal(get.statusCode, 405)
  t.equal(get.headers.allow, 'POST')
  t.equal((await api.app.inject({ method: 'GET', url: '/v1/no-such-thing' })).statusCode, 404)
})

t.test('a text/plain body is 415, not a validation error', async t => {
  const api = await openReadApi(t)
  const res = await api.app.inject({ method: 'POST', url: '/v1/citizens/search', headers: {
    authorization: `Bearer ${api.key.dept}`, 'x-purpose': PURPOSE, 'content-type': 'text/plain' }, payload: 'hello' })
  t.equal(res.statusCode, 415)
  t.equal(res.json().code, 'LT_ERR_MEDIA_TYPE')
})

t.test('lookups live under /v1/citizen-lookups; the old paths answer as before, deprecated and undocumented',
  async t => {
  const api = await openReadApi(t)
  const res = await api.get(`/v1/citizen-lookups/by-cmnd/${cmnd}?fields=personalId`)
  t.equal(res.statusCode, 200)
  t.equal((await api.get('/v1/citizen-lookups/by-cmnd/0')).json().code, 'LT_ERR_VALIDATION',
    'what the parser refuses the schema refuses')
  const old = await api.get(`/v1/citizens/by-cmnd/${cmnd}?fields=personalId`)
  t.equal(old.statusCode, 200)
  t.equal(old.headers.deprecation, 'true')
  t.equal(old.headers.link, `</v1/citizen-lookups/by-cmnd/${cmnd}>; rel="successor-version"`)
  const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json()
  t.notOk(doc.paths['/v1/citizens/by-cmnd/{cmnd}'], 'the old path is not in the document')
  t.equal(doc.paths['/v1/citizen-lookups/by-cmnd/{cmnd}'].get.parameters.find((p: { in: string }) => p.in === 'path')
    .schema.pattern, '^\\d{9}$')
})

t.test('every operation has a stable operationId from the table, and errors are problem+json', async t => {
  const api = await openReadApi(t)
  const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json()
  const ids = new Set(Object.values(operationIds))
  const seen: string[] = []
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(methods)) {
      t.ok(ids.has(op.operationId), `${method} ${path}: ${op.operationId} is in gateway/openapi/operation-ids.ts`)
      seen.push(op.operationId)
      t.ok(Object.keys(op.responses).some(code => /^4\d\d$/.test(code)), `${method} ${path}: a 4XX response`)
      for (const [code, response] of Object.entries(
        op.responses as Record<string, { content?: Record<string, unknown> }>)) {
        if (/^[45]\d\d$/.test(code) && response.content?.['application/json'] !== undefined && path !== '/health/ready')
          t.fail(`${method} ${path} ${code} documented as application/json`)
      }
    }
  }
  t.equal(new Set(seen).size, seen.length, 'operationIds are unique')
  t.ok(doc.info.license?.name, 'info.license')
  t.ok(doc.servers?.length > 0, 'servers')
  t.notOk(doc.components.schemas.Person, 'no unused Person component')
})
