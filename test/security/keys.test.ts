// Keys: random, stored only as salted scrypt hashes; rotation and revocation through the admin
// API; a revocation made by another process takes effect within the key-cache TTL.
import t from 'tap'
import { join } from 'node:path'
import { generateKey, hashSecret, parseKey, verifySecret } from '../../gateway/security/keys.js'
import { getKey, revokeKey } from '../../gateway/security/clients.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { waitFor } from '../helpers/wait-for.js'
import { bearer, makeClient, openGateway, openTestStore, person, seedPerson, OPERATOR_KEY } from './helpers.js'

const read = { method: 'GET', url: '/v1/citizens/092090000001' } as const
const grants = [{ purpose: '1.001193', entity: 'person' as const, fields: ['fullName'] }]
const as = (key: string): Record<string, string> => ({ ...bearer(key), 'x-purpose': '1.001193' })

t.test('a key is random and only a salted scrypt hash of it is stored', async t => {
  const a = generateKey()
  const b = generateKey()
  t.not(a.key, b.key)
  t.match(a.key, /^lt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
  t.same(parseKey(a.key), { keyId: a.keyId, secret: a.secret })
  t.equal(parseKey('lt_short_x'), undefined)
  const h1 = await hashSecret(a.secret)
  const h2 = await hashSecret(a.secret)
  t.match(h1, /^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/,
    'scrypt, N = 2^15, parameters kept with the hash')
  t.not(h1, h2, 'salted: the same secret hashes differently')
  t.notMatch(h1, a.secret)
  t.ok(await verifySecret(a.secret, h1))
  t.ok(await verifySecret(a.secret, h2))
  t.notOk(await verifySecret(b.secret, h1))
  t.notOk(await verifySecret(a.secret, h1.replace('scrypt$15', 'scrypt$10')), 'weakened parameters are refused')

  const store = openTestStore(t)
  const client = await makeClient(store, 'dept-a', 'department')
  const stored = JSON.stringify(await store.find('api_clients', { limit: 100 }))
  t.notMatch(stored, client.key.split('_').slice(2).join('_'), 'the store never holds the secret')
  t.match((await getKey(store, client.keyId))?.hash, /^scrypt\$/)
})

t.test('401 for a missing, malformed, unknown, wrong or revoked key; 403 for admin as non-operator', async t => {
  const { app, store } = await openGateway(t)
  await seedPerson(store, person('092090000001'))
  const client = await makeClient(store, 'dept-a', 'department', grants)
  t.equal((await app.inject({ ...read, headers: as(client.key) })).statusCode, 200)
  const cases: Array<[string, Record<string, string>]> = [
    ['no header', { 'x-purpose': '1.001193' }],
    ['not bearer', { authorization: `Basic ${client.key}`, 'x-purpose': '1.001193' }],
    ['malformed', as('lt_nothing')],
    ['unknown key id', as(generateKey().key)],
    ['wrong secret', as(`lt_${client.keyId}_${generateKey().secret}`)],
    ['operator key with a suffix', as(`${OPERATOR_KEY}x`)]
  ]
  for (const [name, headers] of cases) {
    const res = await app.inject({ ...read, headers })
    t.equal(res.statusCode, 401, name)
    t.equal(res.json().code, 'LT_ERR_UNAUTHENTICATED', name)
    t.equal(res.headers['www-authenticate'], 'Bearer realm="lienthong"', name)
    t.notOk(res.json().data, `${name}: no data`)
  }
  const admin = await app.inject({ method: 'GET', url: '/v1/admin/clients', headers: bearer(client.key) })
  t.equal(admin.statusCode, 403)
  t.equal(admin.json().code, 'LT_ERR_FORBIDDEN')
  t.equal((await app.inject({ method: 'GET', url: '/v1/admin/clients', headers: bearer(OPERATOR_KEY) })).statusCode,
    200, 'the bootstrap operator key works')
  t.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200, 'health is public')
  t.equal((await app.inject({ method: 'GET', url: '/v1/schemas' })).statusCode, 200, 'canonical schemas are public')
})

t.test('rotation: issue a second key, switch, revoke the first; disabling a client stops all its keys', async t => {
  const { app, store } = await openGateway(t)
  await seedPerson(store, person('092090000001'))
  const client = await makeClient(store, 'mot-cua', 'one-stop', grants)
  const issued = await app.inject({ method: 'POST', url: '/v1/admin/clients/mot-cua/keys',
    headers: bearer(OPERATOR_KEY) })
  t.equal(issued.statusCode, 201)
  const second = issued.json().key as string
  t.equal((await app.inject({ ...read, headers: as(client.key) })).statusCode, 200,
    'old key still works during the switch')
  t.equal((await app.inject({ ...read, headers: as(second) })).statusCode, 200, 'new key works')
  const revoked = await app.inject({ method: 'DELETE', url: `/v1/admin/clients/mot-cua/keys/${client.keyId}`,
    headers: bearer(OPERATOR_KEY) })
  t.equal(revoked.statusCode, 200)
  t.ok(revoked.json().revokedAt)
  t.equal((await app.inject({ ...read, headers: as(client.key) })).statusCode, 401,
    'the revoked key stops at once in this process (despite a 60 s cache)')
  t.equal((await app.inject({ ...read, headers: as(second) })).statusCode, 200)
  const listed = (await app.inject({ method: 'GET', url: '/v1/admin/clients/mot-cua',
    headers: bearer(OPERATOR_KEY) })).json()
  t.same(listed.keys.map((k: { keyId: string, revokedAt: string | null }) => [k.keyId, k.revokedAt !== null]).sort(),
    [[client.keyId, true], [issued.json().keyId, false]].sort())
  t.notMatch(JSON.stringify(listed), /scrypt|hash/, 'hashes are never served')
  const unknown = await app.inject({ method: 'DELETE', url: '/v1/admin/clients/mot-cua/keys/0123456789abcdef',
    headers: bearer(OPERATOR_KEY) })
  t.equal(unknown.json().code, 'LT_ERR_KEY_NOT_FOUND')

  const disabled = await app.inject({ method: 'PATCH', url: '/v1/admin/clients/mot-cua', headers: bearer(OPERATOR_KEY),
    payload: { disabled: true } })
  t.equal(disabled.json().disabled, true)
  t.equal((await app.inject({ ...read, headers: as(second) })).statusCode, 401, 'a disabled client\'s keys stop')
  await app.inject({ method: 'PATCH', url: '/v1/admin/clients/mot-cua', headers: bearer(OPERATOR_KEY),
    payload: { disabled: false } })
  t.equal((await app.inject({ ...read, headers: as(second) })).statusCode, 200, 're-enabled')
})

t.test('a revocation made by another process takes effect within the key-cache TTL', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  const store = openTestStore(t, file)
  await seedPerson(store, person('092090000001'))
  const client = await makeClient(store, 'dept-a', 'department', grants)
  // The gateway has its own connection to the same file, as a second process would.
  const { app } = await openGateway(t, { store: openTestStore(t, file), security: { keyCacheTtlMs: 300 } })
  t.equal((await app.inject({ ...read, headers: as(client.key) })).statusCode, 200)
  const other = openEmbeddedStore({ file })
  await revokeKey(other, 'dept-a', client.keyId)
  await other.close()
  await waitFor(async () => (await app.inject({ ...read, headers: as(client.key) })).statusCode === 401,
    { timeoutMs: 5000, what: 'the revocation to reach the gateway' })
  t.pass('revoked key refused once the cached verification expired')
})
