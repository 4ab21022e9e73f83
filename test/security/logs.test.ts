// Keys never reach the logs: not the bootstrap operator key, not a key issued through the admin
// API, not a wrong one a caller sent, at the most verbose level. Nor full personal ids.
import t from 'tap'
import { Writable } from 'node:stream'
import { createLogger } from '../../infra/logging/logger.js'
import { generateKey } from '../../gateway/security/keys.js'
import { bearer, makeClient, openGateway, person, seedPerson, OPERATOR_KEY } from './helpers.js'

t.test('no key and no full personal id in the gateway\'s logs', async t => {
  const { app, store, logs } = await openGateway(t)
  const id = '092090000001'
  await seedPerson(store, person(id))
  const seeded = await makeClient(store, 'dept-a', 'department',
    [{ purpose: '1.001193', entity: 'person', fields: ['fullName'] }])
  const op = bearer(OPERATOR_KEY)
  const created = await app.inject({ method: 'POST', url: '/v1/admin/clients', headers: op,
    payload: { id: 'mot-cua', name: 'Một cửa', kind: 'one-stop' } })
  const rotated = await app.inject({ method: 'POST', url: '/v1/admin/clients/mot-cua/keys', headers: op })
  const wrong = generateKey().key
  const keys = [OPERATOR_KEY, seeded.key, created.json().key.key as string, rotated.json().key as string, wrong]
  for (const key of keys) {
    for (const purpose of ['1.001193', '1.000894']) {
      await app.inject({ method: 'GET', url: `/v1/citizens/${id}`, headers: { ...bearer(key), 'x-purpose': purpose } })
    }
  }
  await app.inject({ method: 'DELETE', url: `/v1/admin/clients/dept-a/keys/${seeded.keyId}`, headers: op })
  await app.inject({ method: 'GET', url: `/v1/citizens/${id}`, headers: { ...bearer(seeded.key),
    'x-purpose': '1.001193' } })

  const text = logs()
  t.ok(text.split('\n').length > 30, 'requests were logged (trace level)')
  t.match(text, /API client created/, 'admin actions are logged')
  t.match(text, /read refused: no grant/, 'refusals are logged')
  for (const key of keys) {
    t.notOk(text.includes(key), `key ${key.slice(0, 6)}… not logged`)
    const secret = key.startsWith('lt_') ? key.slice(20) : key.slice(8)
    t.notOk(text.includes(secret), 'nor its secret part')
  }
  t.notOk(text.includes(id), 'the full personal id is not logged')
})

t.test('the logger redacts an authorization header whoever logs it', async t => {
  let out = ''
  const logger = createLogger('info', new Writable({ write (c, _e, done) { out += String(c); done() } }))
  logger.info({ req: { headers: { authorization: `Bearer ${OPERATOR_KEY}` } } }, 'raw request')
  logger.info({ headers: { authorization: `Bearer ${OPERATOR_KEY}` } }, 'raw headers')
  t.notOk(out.includes(OPERATOR_KEY))
  t.equal(out.match(/\[redacted\]/g)?.length, 2)
})

t.test('a key in the query string or a credential-shaped header is masked in the logs', async t => {
  const { app, store, logs } = await openGateway(t)
  const id = '092090000001'
  await seedPerson(store, person(id))
  const client = await makeClient(store, 'dept-q', 'department',
    [{ purpose: '1.001193', entity: 'person', fields: ['fullName'] }])
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg'
  const session = 'q8Zr2LmX0vB7nT4kP9sW3yH6cJ1dF5gA'
  await app.inject({ method: 'GET', url: `/v1/citizens/${id}?api_key=${client.key}&fields=fullName`,
    headers: { 'x-purpose': '1.001193' } })
  await app.inject({ method: 'GET', url: `/v1/citizens/${id}?access_token=${token}`,
    headers: { ...bearer(client.key), 'x-purpose': '1.001193' } })
  await app.inject({ method: 'GET', url: `/v1/citizens/${id}?${client.key}`,
    headers: { ...bearer(client.key), 'x-purpose': '1.001193' } })
  app.log.info({ headers: { 'x-api-key': client.key, cookie: `sid=${session}`, 'x-purpose': '1.001193',
    'x-note': `Bearer ${token}` } }, 'headers of a request')
  const text = logs()
  t.match(text, /api_key=lt_[0-9a-f]{16}_\[masked\]/, 'the URL is logged with the key masked, its public key id kept')
  t.match(text, /access_token=\[masked\]/)
  t.match(text, /"x-purpose":"1\.001193"/, 'other headers are logged as they are')
  for (const secret of [client.key, client.key.slice(20), token, session]) t.notOk(text.includes(secret),
    `${secret.slice(0, 6)}… is not logged`)
  t.notOk(text.includes(id), 'nor the full personal id')
})
