// The registry API through the gateway on the embedded adapters: validation with paths, secrets
// never returned, version rules, delete, dry run, persistence across a restart, push mode.
import t from 'tap'
import { openFixture, readTopic } from './fixture.js'
import { WELFARE_API_KEY, welfareRecord, welfareRegistration } from './welfare-source.js'

const PUSH_TOKEN = 'push-token-of-the-school-system-0123456789'

t.test('registration is validated, with the path of every error', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  const url = 'http://127.0.0.1:9'

  const shape = await f.call('POST', '/v1/connectors', { ...welfareRegistration(url), id: 'Bad Id', version: 'one' })
  t.equal(shape.statusCode, 400)
  t.equal(shape.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(shape.json().code, 'LT_ERR_CONNECTOR_INVALID')
  t.same(shape.json().errors.map((e: { path: string }) => e.path).sort(), ['/id', '/version'])

  const reg = welfareRegistration(url)
  reg.streams[0].cursorField = 'ngay_sinh'
  reg.streams[0].rawSchema.properties.ma_doi_tuong = { $ref: 'https://evil.example/schema.json' }
  reg.config.values = {}
  reg.config.schema.properties.region = { type: 'string' }
  reg.source.schedule = 'every minute'
  reg.source.headers['x-token'] = { fromConfig: 'nope' }
  reg.mapping.streams[0].entities[0].fields.push({ from: 'ho_ten', to: 'noSuchField' })
  const semantic = await f.call('POST', '/v1/connectors', reg)
  t.equal(semantic.statusCode, 400)
  const paths = semantic.json().errors.map((e: { path: string }) => e.path)
  for (const p of [
    '/source/schedule',
    '/streams/0/rawSchema/properties/ma_doi_tuong/$ref',
    '/streams/0/cursorField',
    '/config/schema/properties/region/description',
    '/config/values',
    '/source/headers/x-token/fromConfig',
    '/mapping/streams/0/entities/0/fields/4/to'
  ]) t.ok(paths.includes(p), `error at ${p}`)

  const wrongStream = welfareRegistration(url)
  wrongStream.mapping.streams[0].stream = 'other'
  const ws = await f.call('POST', '/v1/connectors', wrongStream)
  t.same(ws.json().errors.map((e: { path: string }) => e.path).sort(), ['/mapping/streams/0/stream', '/streams/0/name'])

  const pushWithoutToken = await f.call('POST', '/v1/connectors', { ...welfareRegistration(url),
    mode: 'push', source: undefined })
  t.same(pushWithoutToken.json().errors.map((e: { path: string }) => e.path), ['/push/token'])

  const builtIn = await f.call('POST', '/v1/connectors', { ...welfareRegistration(url), id: 'civil-status' })
  t.equal(builtIn.statusCode, 409)
  t.equal(builtIn.json().code, 'LT_ERR_CONNECTOR_EXISTS')

  const anonymous = await f.call('POST', '/v1/connectors', welfareRegistration(url), {})
  t.equal(anonymous.statusCode, 401, 'registering needs an operator key')
})

t.test('register, read (secrets left out), update by semver, delete, survive a restart', async t => {
  const dir = t.testdir({})
  let f = await openFixture(dir)
  const url = 'http://127.0.0.1:9'
  const created = await f.call('POST', '/v1/connectors', welfareRegistration(url))
  t.equal(created.statusCode, 201, created.body)
  t.equal(created.headers.location, '/v1/connectors/tro-cap-xa-hoi')
  t.notMatch(created.body, WELFARE_API_KEY, 'the write-only API key is never returned')
  t.same(created.json().config.secretsSet, ['apiKey'])
  t.same(created.json().config.values, {})

  const again = await f.call('POST', '/v1/connectors', welfareRegistration(url))
  t.equal(again.statusCode, 409)
  t.equal(again.json().code, 'LT_ERR_CONNECTOR_EXISTS')

  const list = await f.call('GET', '/v1/connectors')
  t.same(list.json().data.map((c: { id: string, builtIn: boolean }) => [c.id, c.builtIn]),
    [['civil-status', true], ['tro-cap-xa-hoi', false]])

  // Survives a restart: a new store handle on the same file, new services, new gateway.
  await f.close()
  f = await openFixture(dir)
  t.teardown(async () => await f.close())
  const read = await f.call('GET', '/v1/connectors/tro-cap-xa-hoi')
  t.equal(read.statusCode, 200)
  t.equal(read.json().version, '1.0.0')
  t.notMatch(read.body, WELFARE_API_KEY)
  const doc = await f.services.registry.registrationDoc('tro-cap-xa-hoi')
  t.equal(doc?.registration.config?.values.apiKey, WELFARE_API_KEY, 'but it is stored, to call the source with')

  const same = await f.call('PUT', '/v1/connectors/tro-cap-xa-hoi', welfareRegistration(url))
  t.equal(same.statusCode, 409)
  t.equal(same.json().code, 'LT_ERR_CONNECTOR_VERSION')
  const lower = await f.call('PUT', '/v1/connectors/tro-cap-xa-hoi', welfareRegistration(url, { version: '0.9.9' }))
  t.equal(lower.json().code, 'LT_ERR_CONNECTOR_VERSION')
  const pre = await f.call('PUT', '/v1/connectors/tro-cap-xa-hoi', welfareRegistration(url, { version: '1.0.1-rc.1' }))
  t.equal(pre.statusCode, 200, 'a pre-release of a higher patch is higher')
  const otherId = await f.call('PUT', '/v1/connectors/tro-cap-xa-hoi',
    welfareRegistration(url, { id: 'khac', version: '2.0.0' }))
  t.equal(otherId.json().code, 'LT_ERR_CONNECTOR_INVALID')
  // The write-only key may be left out of an update: the stored one is kept.
  const body = welfareRegistration(url, { version: '1.1.0' })
  body.config.values = {}
  const updated = await f.call('PUT', '/v1/connectors/tro-cap-xa-hoi', body)
  t.equal(updated.statusCode, 200, updated.body)
  t.equal(updated.json().version, '1.1.0')
  t.equal((await f.services.registry.registrationDoc('tro-cap-xa-hoi'))?.registration.config?.values.apiKey,
    WELFARE_API_KEY)

  t.equal((await f.call('PUT', '/v1/connectors/civil-status',
    welfareRegistration(url, { id: 'civil-status', version: '9.0.0' }))).json().code, 'LT_ERR_CONNECTOR_BUILT_IN')
  t.equal((await f.call('DELETE', '/v1/connectors/civil-status')).statusCode, 409)
  t.equal((await f.call('DELETE', '/v1/connectors/tro-cap-xa-hoi')).statusCode, 204)
  t.equal((await f.call('GET', '/v1/connectors/tro-cap-xa-hoi')).json().code, 'LT_ERR_CONNECTOR_NOT_FOUND')
  t.equal((await f.call('DELETE', '/v1/connectors/tro-cap-xa-hoi')).statusCode, 404)
  t.equal((await f.call('POST', '/v1/connectors', welfareRegistration(url))).statusCode, 201,
    'the id can be registered again')
})

t.test('dry run: canonical output and every error per record, nothing published', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  t.equal((await f.call('POST', '/v1/connectors', welfareRegistration('http://127.0.0.1:9'))).statusCode, 201)
  const res = await f.call('POST', '/v1/connectors/tro-cap-xa-hoi/dry-run', {
    records: [
      welfareRecord(1),
      welfareRecord(2, { ngay_sinh: '31/02/1950' }),
      { ...welfareRecord(3), so_dinh_danh: 'abc' },
      welfareRecord(4, { da_xoa: true })
    ]
  })
  t.equal(res.statusCode, 200, res.body)
  const [good, badDate, badRaw, deleted] = res.json().results
  t.same(good.canonical, [{ entity: 'person', entityId: '092150000001', op: 'upsert', fields: {
    personalId: '092150000001', fullName: 'Nguyễn Thị Lan', birthDate: '1950-03-12', sex: 'female' }, warnings: [] }])
  t.equal(good.ok, true)
  t.equal(badDate.ok, false)
  t.match(badDate.errors, [{ path: '/records/1/ngay_sinh', code: 'LT_ERR_DATE_INVALID' }])
  t.match(badRaw.errors, [{ path: '/records/2/so_dinh_danh', code: 'LT_ERR_RAW_SCHEMA' }])
  t.match(deleted.canonical, [{ op: 'delete', entityId: '092150000004', fields: {} }])
  t.same([res.json().ok, res.json().failed], [2, 2])
  t.same(await readTopic(f.eventLog, 'source.tro-cap-xa-hoi', 0), [], 'nothing published')

  const builtIn = await f.call('POST', '/v1/connectors/civil-status/dry-run',
    { stream: 'persons', records: [{ so_dinh_danh: '092060001111', ho_va_ten: 'LÊ VĂN TÁM', ngay_sinh: '01021960',
    gioi_tinh: 'Nam', ngay_cap_nhat: '2026-01-01T00:00:00.000Z' }] })
  t.equal(builtIn.json().results[0].canonical[0].fields.fullName, 'Lê Văn Tám', 'built-ins dry-run too')
  t.equal((await f.call('POST', '/v1/connectors/nope/dry-run', { records: [{}] })).statusCode, 404)
})

t.test('push: authenticated, partial acceptance per record, idempotent on the source event id', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  const reg = welfareRegistration('', { id: 'truong-hoc', sourceSystem: 'giao-duc', mode: 'push',
    push: { token: PUSH_TOKEN } })
  delete reg.source
  delete reg.config
  const created = await f.call('POST', '/v1/connectors', reg)
  t.equal(created.statusCode, 201, created.body)
  t.notMatch(created.body, PUSH_TOKEN, 'the push token is never returned')
  t.same(created.json().push, { tokenSet: true })
  const doc = await f.services.registry.registrationDoc('truong-hoc')
  t.match(doc?.pushTokenHash, /^scrypt\$/, 'stored as a scrypt hash')
  t.notMatch(JSON.stringify(doc), PUSH_TOKEN)

  const push = async (events: unknown[], token = PUSH_TOKEN) => await f.call('POST', '/v1/connectors/truong-hoc/events',
    { batchId: 'b1', events }, { authorization: `Bearer ${token}` })
  t.equal((await push([{ eventId: 'e1', record: welfareRecord(1) }], 'wrong-token-wrong-token-wrong-token')).statusCode,
    401)
  t.equal((await f.call('POST', '/v1/connectors/truong-hoc/events',
    { events: [{ eventId: 'e1', record: welfareRecord(1) }] }, {})).statusCode, 401)

  const first = await push([
    { eventId: 'e1', record: welfareRecord(1) },
    { eventId: 'e2', record: { ...welfareRecord(2), cap_nhat_luc: 'yesterday' } },
    { eventId: 'e3', record: welfareRecord(3), op: 'd' },
    { eventId: 'e1', record: welfareRecord(1) }
  ])
  t.equal(first.statusCode, 202, first.body)
  t.same(first.json().results.map((r: { status: string }) => r.status),
    ['accepted', 'rejected', 'accepted', 'duplicate'])
  t.match(first.json().results[1].errors, [{ path: '/events/1/record/cap_nhat_luc' }])
  t.same([first.json().accepted, first.json().duplicates, first.json().rejected], [2, 1, 1])

  const second = await push([{ eventId: 'e1', record: welfareRecord(1) }, { eventId: 'e4', record: welfareRecord(4) }])
  t.same(second.json().results.map((r: { status: string }) => r.status), ['duplicate', 'accepted'])

  const events = await readTopic(f.eventLog, 'source.truong-hoc', 3)
  t.equal(events.length, 3, 'e1 published once, e3 and e4 once')
  t.same(events.map(e => e.value.id), ['truong-hoc:beneficiaries:push:e1', 'truong-hoc:beneficiaries:push:e3',
    'truong-hoc:beneficiaries:push:e4'])
  t.same(events.map(e => e.value.op), ['u', 'd', 'u'])
  t.equal(events[0].key, 'BTXH-0001')

  const tooMany = await push(Array.from({ length: 6 }, (_, i) => ({ eventId: `x${i}`, record: welfareRecord(10 + i) })))
  t.equal(tooMany.statusCode, 400, 'a batch holds at most pushMaxRecords')
  const tooBig = await push([{ eventId: 'big', record: { ...welfareRecord(20), ho_ten: 'x'.repeat(70 * 1024) } }])
  t.equal(tooBig.statusCode, 413)
  t.equal(tooBig.json().code, 'LT_ERR_BODY_TOO_LARGE')

  const status = await f.call('GET', '/v1/connectors/truong-hoc/status')
  t.match(status.json(), { id: 'truong-hoc', state: 'healthy', published: 3, rejected: 1, duplicates: 2 })
  t.equal((await f.call('POST', '/v1/connectors/truong-hoc/run')).json().code, 'LT_ERR_CONNECTOR_NOT_POLL')
})

t.test('OpenAPI: every response of the registry and dead-letter routes says what it is', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  const doc = (await f.app.inject({ method: 'GET', url: '/docs/json' })).json()
  const undescribed: string[] = []
  let described = 0
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, {
    responses?: Record<string, { description?: string }> }>>)) {
    if (!path.startsWith('/v1/connectors') && !path.startsWith('/v1/dead-letters')) continue
    for (const [method, op] of Object.entries(methods)) {
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (response.description === 'Default Response') undescribed.push(`${method} ${path} ${code}`); else described++
      }
    }
  }
  t.same(undescribed, [], 'no "Default Response"')
  t.ok(described > 20, `${described} responses described`)
})
