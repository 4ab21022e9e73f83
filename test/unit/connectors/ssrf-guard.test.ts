// The SSRF guard: every refused range, the allow-list, schemes and credentials, DNS answers checked
// at registration and again inside the connection, and redirects checked hop by hop.
import t from 'tap'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import { createSsrfGuard, parseAllowList, type Resolve } from '../../../connectors/ssrf/ssrf-guard.js'
import { parseIp } from '../../../connectors/ssrf/ip-address.js'
import { refusedRange } from '../../../connectors/ssrf/refused-ranges.js'
import { fetchJson } from '../../../connectors/runner/fetch-json.js'

const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  await p.then(() => undefined, (err: { code?: string }) => err.code)

t.test('each special-purpose range is refused, a public address is not', async t => {
  const refused: Record<string, string> = {
    '0.0.0.0': 'unspecified', '10.1.2.3': 'private', '100.64.0.1': 'carrier-grade NAT', '127.0.0.1': 'loopback',
    '127.255.0.9': 'loopback',
    '169.254.169.254': 'link-local', '172.16.0.1': 'private', '172.31.255.255': 'private', '192.168.1.1': 'private',
    '224.0.0.1': 'multicast',
    '255.255.255.255': 'reserved', '::': 'unspecified', '::1': 'loopback', 'fe80::1': 'link-local',
    'fc00::1': 'unique-local', 'fd12:3456::1': 'unique-local',
    'ff02::1': 'multicast', '::ffff:127.0.0.1': 'loopback', '::ffff:7f00:1': 'loopback', '::ffff:10.0.0.1': 'private',
    '64:ff9b::a00:1': 'NAT64'
  }
  for (const [address, name] of Object.entries(refused)) {
    const ip = parseIp(address)
    t.ok(ip, `${address} parses`)
    t.match(refusedRange(ip as NonNullable<typeof ip>)?.name, name, `${address} is ${name}`)
  }
  for (const address of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
    t.equal(refusedRange(parseIp(address) as NonNullable<ReturnType<typeof parseIp>>), undefined,
      `${address} is public`)
  }
})

t.test('URLs: scheme, credentials, literal and resolved addresses, allow-list', async t => {
  const answers: Record<string, string[]> = { 'public.test': ['93.184.216.34'],
    'mixed.test': ['93.184.216.34', '10.0.0.7'], 'inside.test': ['192.168.0.10'], 'v6.test': ['::1'] }
  const resolve: Resolve = async host =>
    (answers[host] ?? []).map(address => ({ address, family: address.includes(':') ? 6 : 4 }))
  const guard = createSsrfGuard({ allow: [], resolve })
  t.teardown(guard.close)
  t.same(await guard.checkUrl('https://public.test/api'), ['93.184.216.34'])
  t.equal(await code(guard.checkUrl('ftp://public.test/')), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(guard.checkUrl('file:///etc/passwd')), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(guard.checkUrl('http://user:pw@public.test/')), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(guard.checkUrl('http://mixed.test/')), 'LT_ERR_SSRF_REFUSED',
    'one private answer refuses the host')
  t.equal(await code(guard.checkUrl('http://v6.test/')), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(guard.checkUrl('http://[::ffff:127.0.0.1]:8080/')), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(guard.checkUrl('http://2130706433/')), 'LT_ERR_SSRF_REFUSED', 'a decimal IPv4 is still loopback')
  t.equal(await code(guard.checkUrl('http://0x7f.1/')), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(guard.checkUrl('http://nowhere.test/')), 'LT_ERR_SOURCE_DNS')
  await t.rejects(guard.checkUrl('http://inside.test/'), /192\.168\.0\.10, in 192\.168\.0\.0\/16 \(private/)

  const allowing = createSsrfGuard({ allow: ['192.168.0.0/24', 'mixed.test', '::1/128'], resolve })
  t.teardown(allowing.close)
  t.same(await allowing.checkUrl('http://inside.test/'), ['192.168.0.10'], 'allow-listed CIDR')
  t.same(await allowing.checkUrl('http://mixed.test/'), ['93.184.216.34', '10.0.0.7'], 'allow-listed host')
  t.same(await allowing.checkUrl('http://v6.test/'), ['::1'])
  t.equal(await code(allowing.checkUrl('http://127.0.0.1/')), 'LT_ERR_SSRF_REFUSED', 'only what is listed')
  t.throws(() => parseAllowList(['not a cidr!']), /neither a CIDR nor a host name/)
})

t.test('DNS answers are checked again inside the connection (rebinding), and redirects hop by hop', async t => {
  const server = createServer((req, res) => {
    if (req.url === '/to-private') { res.writeHead(302, { location: 'http://10.0.0.1/secret' }).end(); return }
    if (req.url === '/to-metadata') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
      return
    }
    if (req.url === '/to-self') { res.writeHead(307, { location: '/ok' }).end(); return }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const port = (server.address() as AddressInfo).port

  // First answer public (what registration saw), then loopback (what a rebinding server answers later).
  let calls = 0
  const rebinding: Resolve = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }]
  const guard = createSsrfGuard({ allow: [], resolve: rebinding })
  t.teardown(guard.close)
  t.same(await guard.checkUrl(`http://rebind.test:${port}/ok`), ['93.184.216.34'], 'registration sees a public address')
  t.equal(await code(request(`http://rebind.test:${port}/ok`, { dispatcher: guard.dispatcher })), 'LT_ERR_SSRF_REFUSED',
    'the connection re-resolves and refuses')

  // A host name only the guard's resolver knows: reaching the server proves the connection used it.
  const local: Resolve = async () => [{ address: '127.0.0.1', family: 4 }]
  const allowed = createSsrfGuard({ allow: ['127.0.0.1/32'], resolve: local })
  t.teardown(allowed.close)
  t.same(await fetchJson(`http://welfare.test:${port}/ok`, { timeoutMs: 2000, guard: allowed }), { ok: true })
  t.same(await fetchJson(`http://welfare.test:${port}/to-self`, { timeoutMs: 2000, guard: allowed }), { ok: true },
    'a redirect to an allowed address is followed')
  t.equal(await code(fetchJson(`http://welfare.test:${port}/to-private`,
    { timeoutMs: 2000, guard: allowed, maxAttempts: 1 })), 'LT_ERR_SOURCE_REDIRECT', 'another origin: refused')
  // Where cross-origin redirects are followed, the guard still checks every hop.
  t.equal(await code(fetchJson(`http://welfare.test:${port}/to-private`,
    { timeoutMs: 2000, guard: allowed, maxAttempts: 1, followCrossOrigin: true })), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(fetchJson(`http://welfare.test:${port}/to-metadata`,
    { timeoutMs: 2000, guard: allowed, maxAttempts: 1, followCrossOrigin: true })), 'LT_ERR_SSRF_REFUSED')
  t.equal(await code(fetchJson(`http://welfare.test:${port}/to-self`,
    { timeoutMs: 2000, guard: allowed, maxRedirects: 0 })), 'LT_ERR_SOURCE_REDIRECT', 'hops are bounded')
})
