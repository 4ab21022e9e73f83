// Limits: per-client rate limits (429 + Retry-After as problem+json), body size, and the OpenAPI
// document's bearer scheme.
import t from 'tap'
import { pino } from 'pino'
import { buildGateway } from '../../gateway/app.js'
import { openTestStore, makeClient, bearer } from '../security/helpers.js'

t.test('rate limit per client', async t => {
  const store = openTestStore(t)
  const app = await buildGateway({ store, logger: pino({ level: 'silent' }), readiness: [],
    limits: { rateLimitPerMinute: 3, bodyLimitBytes: 2048 } })
  t.teardown(async () => { await app.close() })
  const a = await makeClient(store, 'dept-a', 'department')
  const b = await makeClient(store, 'dept-b', 'department')
  const call = async (key: string) => await app.inject({ method: 'GET', url: '/v1/procedures', headers: bearer(key) })
  for (let i = 0; i < 3; i++) t.equal((await call(a.key)).statusCode, 200)
  const limited = await call(a.key)
  t.equal(limited.statusCode, 429)
  t.match(limited.headers['content-type'], /application\/problem\+json/)
  t.equal(limited.json().code, 'LT_ERR_RATE_LIMITED')
  t.match(limited.headers['retry-after'], /^\d+$/)
  t.equal((await call(b.key)).statusCode, 200, 'another client is not slowed by the first')

  const big = await app.inject({ method: 'POST', url: '/v1/prefill',
    headers: { ...bearer(b.key), 'x-purpose': '1.000894', 'content-type': 'application/json' },
    payload: JSON.stringify({ procedureCode: '1.000894', personalId: '092190001111', pad: 'x'.repeat(4000) }) })
  t.equal(big.statusCode, 413)
  t.equal(big.json().code, 'LT_ERR_BODY_TOO_LARGE')
})

t.test('OpenAPI declares the bearer scheme and the prefill endpoints', async t => {
  const app = await buildGateway({ store: openTestStore(t), logger: pino({ level: 'silent' }), readiness: [] })
  t.teardown(async () => { await app.close() })
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  t.same(doc.components.securitySchemes.apiKey, { type: 'http', scheme: 'bearer',
    description: doc.components.securitySchemes.apiKey.description })
  t.same(doc.security, [{ apiKey: [] }])
  t.ok(doc.paths['/v1/prefill'].post)
  t.ok(doc.paths['/v1/procedures'].get)
  t.ok(doc.components.schemas.PrefillResponse)
})

t.test('public routes need no key in the OpenAPI document', async t => {
  const app = await buildGateway({ store: openTestStore(t), logger: pino({ level: 'silent' }), readiness: [] })
  t.teardown(async () => { await app.close() })
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  t.same(doc.paths['/health/ready'].get.security, [])
  t.same(doc.paths['/v1/schemas'].get.security, [])
  t.equal(doc.paths['/v1/prefill'].post.security, undefined, 'the document default (bearer) applies')
})
