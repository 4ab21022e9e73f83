// Issue 11 items 10 and 11: failed authentications are throttled per key id and per address
// (429 problem+json with Retry-After), concurrent guesses included; a verified key is not held up
// by someone guessing at it; and the Bearer scheme is case-insensitive (RFC 9110).
import t from 'tap'
import { generateKey } from '../../gateway/security/keys.js'
import { createAuthThrottle } from '../../gateway/security/auth-throttle.js'
import { bearer, makeClient, openGateway, openTestStore, person, seedPerson } from './helpers.js'

const grants = [{ purpose: '1.001193', entity: 'person' as const, fields: ['personalId', 'fullName'] }]
const read = { method: 'GET' as const, url: '/v1/citizens/092090000001' }
const as = (authorization: string, ip = '198.51.100.7'): { headers: Record<string, string>, remoteAddress: string } =>
  ({ headers: { authorization, 'x-purpose': '1.001193' }, remoteAddress: ip })

t.test('the auth scheme is case-insensitive: bearer and BEARER work like Bearer', async t => {
  const { app, store } = await openGateway(t)
  await seedPerson(store, person('092090000001'))
  const client = await makeClient(store, 'dept-a', 'department', grants)
  for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
    t.equal((await app.inject({ ...read, ...as(`${scheme} ${client.key}`) })).statusCode, 200, scheme)
  }
  t.equal((await app.inject({ ...read, ...as(`Basic ${client.key}`) })).statusCode, 401,
    'another scheme is still refused')
})

t.test('wrong secrets for a real key id are throttled: 429 + Retry-After, concurrent guesses counted', async t => {
  const store = openTestStore(t)
  const { app } = await openGateway(t, { store, security: { keyCacheTtlMs: 60000,
    authThrottle: { perKey: 5, perAddress: 1000, windowMs: 60000 } } })
  await seedPerson(store, person('092090000001'))
  const victim = await makeClient(store, 'dept-a', 'department', grants)
  // The victim's key is verified (and cached) before the attack starts.
  t.equal((await app.inject({ ...read, ...as(bearer(victim.key).authorization) })).statusCode, 200)

  const guesses = Array.from({ length: 24 }, (_, i) =>
    app.inject({ ...read, ...as(`Bearer lt_${victim.keyId}_${generateKey().secret}`, `203.0.113.${i}`) }))
  const answers = await Promise.all(guesses)
  const statuses = answers.map(r => r.statusCode)
  t.equal(statuses.filter(s => s === 401).length, 5, 'only the allowed number of guesses reached scrypt, even at once')
  t.equal(statuses.filter(s => s === 429).length, 19, 'the rest were throttled')
  const throttled = answers.find(r => r.statusCode === 429)
  t.equal(throttled?.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(throttled?.json().code, 'LT_ERR_AUTH_THROTTLED')
  t.ok(Number(throttled?.headers['retry-after']) >= 1 && Number(throttled?.headers['retry-after']) <= 60,
    'Retry-After in seconds')

  t.equal((await app.inject({ ...read, ...as(bearer(victim.key).authorization) })).statusCode, 200,
    'the verified key still works')
})

t.test('one address guessing across many key ids is throttled per address', async t => {
  const { app } = await openGateway(t, { security: { authThrottle: { perKey: 1000, perAddress: 3, windowMs: 60000 } } })
  const statuses: number[] = []
  for (let i = 0; i < 6; i++)
    statuses.push((await app.inject({ ...read, ...as(`Bearer ${generateKey().key}`, '192.0.2.44') })).statusCode)
  t.same(statuses, [401, 401, 401, 429, 429, 429])
  t.equal((await app.inject({ ...read, ...as(`Bearer ${generateKey().key}`, '192.0.2.45') })).statusCode, 401,
    'another address is not affected')
})

t.test('the throttle counts per window and gives successes back', async t => {
  let now = 1000
  const throttle = createAuthThrottle({ perKey: 2, perAddress: 0, windowMs: 10000 }, () => now)
  const k = { keyId: 'abc', address: '192.0.2.1' }
  t.equal(throttle.admit(k), 0)
  throttle.succeeded(k)
  t.equal(throttle.admit(k), 0)
  t.equal(throttle.admit(k), 0)
  t.equal(throttle.admit(k), 10000, 'a success does not count; the third failure waits for the window')
  now += 9999
  t.equal(throttle.admit(k), 1)
  now += 1
  t.equal(throttle.admit(k), 0, 'a new window')
  t.equal(throttle.admit({ address: '192.0.2.1' }), 0, 'per address is off (0)')
})
