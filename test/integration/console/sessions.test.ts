// The console's sign-in and sessions without a browser (fastify inject on the embedded store): the
// sign-in form's own token, the session cookie's attributes, a session ended as soon as its key is
// revoked, security headers, and a personal-data page audited like the API.
import t from 'tap'
import { buildGateway } from '../../../gateway/app.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { revokeKey } from '../../../gateway/security/clients.js'
import type { AuditBlock } from '../../../gateway/security/audit-chain.js'
import { makeClient, openTestStore } from '../../security/helpers.js'

const cookieOf = (setCookie: string | string[] | undefined, name: string): string | undefined =>
  [setCookie ?? []].flat().find(c => c.startsWith(`${name}=`))

t.test('console sign-in and sessions', async t => {
  const store = openTestStore(t)
  const app = await buildGateway({ store, logger: createLogger('silent'), readiness: [],
    security: { keyCacheTtlMs: 0, grantCacheTtlMs: 0 } })
  t.teardown(async () => { await app.close() })
  const operator = await makeClient(store, 'console-operator', 'operator',
    [{ purpose: 'data-stewardship', entity: 'person', fields: ['birthDate'] }])
  const dept = await makeClient(store, 'console-dept', 'department')

  const signIn = async (key: string, token?: string) => {
    const form = await app.inject({ method: 'GET', url: '/console/sign-in' })
    const pre = cookieOf(form.headers['set-cookie'], 'lt_console_signin')?.split(';')[0] ?? ''
    const value = token ?? /name="_signin" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    return await app.inject({
      method: 'POST', url: '/console/sign-in', headers: { cookie: pre,
        'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _signin: value, key }).toString()
    })
  }

  t.equal((await app.inject({ method: 'GET', url: '/' })).headers.location, '/console')
  const anonymous = await app.inject({ method: 'GET', url: '/console' })
  t.equal(anonymous.statusCode, 303)
  t.equal(anonymous.headers.location, '/console/sign-in')

  t.equal((await signIn(operator.key, 'forged')).statusCode, 403, 'a sign-in without the form\'s own token is refused')
  const refused = await signIn(dept.key)
  t.equal(refused.statusCode, 403, 'a department key cannot sign in')
  t.notOk(cookieOf(refused.headers['set-cookie'], 'lt_console'))

  const ok = await signIn(operator.key)
  t.equal(ok.statusCode, 303)
  const set = cookieOf(ok.headers['set-cookie'], 'lt_console') ?? ''
  t.match(set, /HttpOnly/)
  t.match(set, /SameSite=Strict/)
  t.match(set, /Path=\/console/)
  t.notOk(set.includes(operator.key), 'the cookie holds a session id, not the key')
  const cookie = set.split(';')[0]

  const overview = await app.inject({ method: 'GET', url: '/console', headers: { cookie } })
  t.equal(overview.statusCode, 200)
  t.match(overview.headers['content-security-policy'], /default-src 'none'/)
  t.equal(overview.headers['x-frame-options'], 'DENY')
  t.equal(overview.headers['cache-control'], 'no-store')

  const before = (await store.find('audit', { limit: 1000 }) as AuditBlock[]).flatMap(b => b.entries).length
  t.equal((await app.inject({ method: 'GET', url: '/console/conflicts?entity=person',
    headers: { cookie } })).statusCode, 200)
  const entries = (await store.find('audit', { limit: 1000 }) as AuditBlock[]).flatMap(b => b.entries)
  t.equal(entries.length, before + 1, 'reading conflicts in the console is audited')
  t.match(entries.at(-1), { clientId: 'console-operator', purpose: 'data-stewardship', entity: 'person' })
  t.equal((await app.inject({ method: 'GET', url: '/console/conflicts?entity=household',
    headers: { cookie } })).statusCode, 403, 'no grant, no read')

  await revokeKey(store, operator.id, operator.keyId)
  const after = await app.inject({ method: 'GET', url: '/console', headers: { cookie } })
  t.equal(after.statusCode, 303, 'a revoked key ends the session at the next request')
  t.equal(after.headers.location, '/console/sign-in')
})
