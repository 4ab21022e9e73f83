// Issue 11 item 7: `localhost` in any of its forms is loopback by definition (RFC 6761). The guard
// judges it without asking DNS, at registration and inside the connection.
import t from 'tap'
import { request } from 'undici'
import { createSsrfGuard, loopbackName, type Resolve } from '../../../connectors/ssrf/ssrf-guard.js'

const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  await p.then(() => undefined, (err: { code?: string }) => err.code)

t.test('localhost forms are refused like loopback and never reach the resolver', async t => {
  const asked: string[] = []
  // A resolver that would call these names public: reaching it would let them through.
  const resolve: Resolve = async host => { asked.push(host); return [{ address: '93.184.216.34', family: 4 }] }
  const guard = createSsrfGuard({ allow: [], resolve })
  t.teardown(guard.close)
  for (const url of ['http://localhost.:8080/', 'http://LOCALHOST:8080/', 'http://LocalHost.:1/',
    'http://api.localhost/',
    'http://a.b.LOCALHOST./', 'http://localhost../']) {
    t.equal(await code(guard.checkUrl(url)), 'LT_ERR_SSRF_REFUSED', `${url} refused`)
  }
  t.equal(await code(request('http://localhost.:9/', { dispatcher: guard.dispatcher })), 'LT_ERR_SSRF_REFUSED',
    'refused inside the connection too')
  t.same(asked, [], 'the resolver was never asked')
  t.same(await guard.checkUrl('http://notlocalhost.example/'), ['93.184.216.34'],
    'a name that merely contains it is an ordinary name')
  t.same(asked, ['notlocalhost.example'])
})

t.test('an allow-listed loopback range or name admits localhost, answered locally', async t => {
  const resolve: Resolve = async () => { throw new Error('no DNS in this test') }
  const byCidr = createSsrfGuard({ allow: ['127.0.0.1/32'], resolve })
  const byName = createSsrfGuard({ allow: ['localhost'], resolve })
  t.teardown(async () => { await byCidr.close(); await byName.close() })
  t.same(await byCidr.checkUrl('http://localhost.:8080/'), ['127.0.0.1'], 'only the allowed loopback address')
  t.same(await byName.checkUrl('http://LOCALHOST.:8080/'), ['127.0.0.1', '::1'])
  t.equal(loopbackName('x.Localhost.'), 'x.localhost')
  t.equal(loopbackName('localhost.com'), undefined)
})
