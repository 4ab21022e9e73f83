// The OpenAPI document publishes the registration schema the registry checks as the request body
// of POST and PUT /v1/connectors, so a client (or a generator) sees the real shape; the registry
// still answers every body error itself with LT_ERR_CONNECTOR_INVALID and its path.
import t from 'tap'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { openFixture } from './fixture.js'
import { welfareRegistration } from './welfare-source.js'

t.test('the registration body schema is published and the registry stays the judge', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  const doc = (await f.call('GET', '/docs/json')).json()
  for (const [path, method] of [['/v1/connectors', 'post'], ['/v1/connectors/{id}', 'put']] as const) {
    const schema = doc.paths[path][method].requestBody.content['application/json'].schema
    t.same([...schema.required].sort(), ['id', 'mapping', 'mode', 'sourceSystem', 'streams', 'version'],
      `${method} ${path}: required members`)
    t.equal(schema.additionalProperties, false)
    const check = new Ajv2020({ strict: false }).compile(schema)
    t.ok(check(welfareRegistration('http://127.0.0.1:9')), 'a valid registration is valid by the document')
    t.notOk(check({ ...welfareRegistration('http://127.0.0.1:9'), id: 'Bad Id' }),
      'a bad id is invalid by the document')
  }

  const shape = await f.call('POST', '/v1/connectors', { ...welfareRegistration('http://127.0.0.1:9'),
    id: 'Bad Id', version: 'one' })
  t.equal(shape.statusCode, 400)
  t.match(shape.json(), { code: 'LT_ERR_CONNECTOR_INVALID' },
    'the registry reports body errors, not the generic validator')
  t.same(shape.json().errors.map((e: { path: string }) => e.path).sort(), ['/id', '/version'])
  t.equal((await f.call('POST', '/v1/connectors', welfareRegistration('http://127.0.0.1:9'))).statusCode, 201)
  const put = await f.call('PUT', '/v1/connectors/tro-cap-xa-hoi', { id: 1 })
  t.equal(put.json().code, 'LT_ERR_CONNECTOR_INVALID')
  const badParam = await f.call('PUT', '/v1/connectors/Bad%20Id', welfareRegistration('http://127.0.0.1:9'))
  t.equal(badParam.statusCode, 400)
  t.equal(badParam.json().code, 'LT_ERR_VALIDATION', 'a bad path parameter is still the validator\'s')
})
