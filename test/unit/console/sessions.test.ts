// Console sessions expire: after the idle time, after the absolute age, at sign-out; a session id
// is never the key it was opened with, and two sign-ins get two sessions.
import t from 'tap'
import { createSessions, readCookies, sameToken } from '../../../gateway/console/sessions.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'

const principal = { clientId: 'bootstrap-operator', kind: 'operator' as const, keyId: null }

t.test('idle and absolute expiry, sign-out', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  t.teardown(async () => await store.close())
  let now = 0
  const sessions = createSessions({ store, idleMs: 1000, maxAgeMs: 5000, clock: () => now })
  const a = sessions.open(principal)
  const b = sessions.open(principal)
  t.not(a.id, b.id)
  t.not(a.session.csrf, b.session.csrf)
  now = 900
  t.ok(await sessions.find(a.id), 'in use within the idle time')
  now = 1800
  t.ok(await sessions.find(a.id), 'each request extends it')
  t.notOk(await sessions.find(b.id), 'idle too long')
  for (now = 2500; now < 5000; now += 800) t.ok(await sessions.find(a.id))
  now = 5100
  t.notOk(await sessions.find(a.id), 'too old, however active')
  const c = sessions.open(principal)
  sessions.close(c.id)
  t.notOk(await sessions.find(c.id), 'signed out')
  t.notOk(await sessions.find(undefined))
  t.notOk(await sessions.find('forged'))
})

t.test('cookies and tokens', async t => {
  t.same(readCookies('a=1; lt_console=x%3Dy; b'), { a: '1', lt_console: 'x=y' })
  t.ok(sameToken('abc', 'abc'))
  t.notOk(sameToken('abd', 'abc'))
  t.notOk(sameToken(undefined, 'abc'))
  t.notOk(sameToken('ab', 'abc'))
})
