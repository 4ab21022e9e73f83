// GET /v1/schemas and /v1/schemas/{name}, on the gateway production builds, over a real embedded store.
import t, { type Test } from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import type { FastifyInstance } from 'fastify'
import { buildGateway } from '../../../gateway/app.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { canonicalSchemas, type CanonicalSchemaName } from '../../../schemas/validator.js'

const names = Object.keys(canonicalSchemas) as CanonicalSchemaName[]

async function gateway (t: Test): Promise<FastifyInstance> {
  const store = openEmbeddedStore({ file: join(t.testdir({}), 'store.sqlite') })
  const app = await buildGateway({ store, logger: pino({ level: 'silent' }), readiness: [] })
  t.teardown(async () => { await app.close(); await store.close() })
  return app
}

t.test('the list names every canonical schema with its $id (as id), title and description', async t => {
  const app = await gateway(t)
  const res = await app.inject({ method: 'GET', url: '/v1/schemas' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const { data } = res.json() as { data: Array<{ name: string, id: string, title: string, description: string }> }
  t.same(data.map(d => d.name).sort(), [...names].sort())
  for (const entry of data) {
    const schema = canonicalSchemas[entry.name as CanonicalSchemaName]
    t.same(entry, { name: entry.name, id: schema.$id, title: schema.title, description: schema.description },
      entry.name)
  }
})

t.test('each schema is served whole, as JSON Schema', async t => {
  const app = await gateway(t)
  for (const name of names) {
    const res = await app.inject({ method: 'GET', url: `/v1/schemas/${name}` })
    t.equal(res.statusCode, 200, name)
    t.match(res.headers['content-type'], /^application\/schema\+json/, `${name} content type`)
    t.same(res.json(), JSON.parse(JSON.stringify(canonicalSchemas[name])), `${name} body is the schema, nothing lost`)
  }
})

t.test('an unknown name is a 404 problem with a stable code', async t => {
  const app = await gateway(t)
  const res =
    await app.inject({ method: 'GET', url: '/v1/schemas/citizen', headers: { 'x-request-id': 'req-schemas-1' } })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), {
    status: 404,
    code: 'LT_ERR_SCHEMA_NOT_FOUND',
    type: 'https://lienthong.cantho.gov.vn/problems/schema-not-found',
    detail: /"citizen"/,
    instance: 'req-schemas-1'
  })
})

t.test('names that are not names are rejected before the lookup', async t => {
  const app = await gateway(t)
  for (const url of ['/v1/schemas/Person', '/v1/schemas/person.json', '/v1/schemas/__proto__']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { code: 'LT_ERR_VALIDATION', errors: [{ path: /^params\/name/ }] }, url)
  }
  // Lower case but not a schema, and an inherited property name: a plain 404, never a crash.
  for (const url of ['/v1/schemas/constructor', '/v1/schemas/to-string']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 404, url)
    t.equal(res.json().code, 'LT_ERR_SCHEMA_NOT_FOUND', url)
  }
})

t.test('the routes appear in the OpenAPI document under the schemas tag', async t => {
  const app = await gateway(t)
  const res = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(res.statusCode, 200)
  const doc =
    res.json() as { paths: Record<string, Record<string, { tags?: string[], responses: Record<string, unknown> }>> }
  t.same(doc.paths['/v1/schemas']?.get?.tags, ['schemas'])
  t.same(doc.paths['/v1/schemas/{name}']?.get?.tags, ['schemas'])
  t.ok(doc.paths['/v1/schemas/{name}']?.get?.responses['404'], 'documents the 404')
})
