// Issue 11 item 6: a connector's secret header must never reach another origin through a redirect.
// Two local servers on different ports are two origins; the second one records what it was sent.
import t from 'tap'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fetchJson } from '../../../connectors/runner/fetch-json.js'
import { createSsrfGuard } from '../../../connectors/ssrf/ssrf-guard.js'

const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  await p.then(() => undefined, (err: { code?: string }) => err.code)

async function listen (server: Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

t.test('a redirect to another origin is refused and the secret header never leaves the origin', async t => {
  const seenByOther: IncomingHttpHeaders[] = []
  const other = createServer((req, res) => {
    seenByOther.push(req.headers)
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"stolen":true}')
  })
  const otherUrl = await listen(other)
  const seenBySource: IncomingHttpHeaders[] = []
  const source = createServer((req, res) => {
    seenBySource.push(req.headers)
    if (req.url === '/away') { res.writeHead(302, { location: `${otherUrl}/collect` }).end(); return }
    if (req.url === '/here') { res.writeHead(307, { location: '/ok' }).end(); return }
    if (req.url === '/loop') { res.writeHead(302, { location: '/loop' }).end(); return }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
  const sourceUrl = await listen(source)
  const guard = createSsrfGuard({ allow: ['127.0.0.1/32'] })
  t.teardown(async () => {
    source.closeAllConnections()
    source.close()
    other.closeAllConnections()
    other.close()
    await guard.close()
  })
  const headers = { 'x-api-key': 'synthetic-secret-0001' }

  t.equal(await code(fetchJson(`${sourceUrl}/away`, { timeoutMs: 2000, headers, guard, maxAttempts: 1 })),
    'LT_ERR_SOURCE_REDIRECT', 'refused with a stable code')
  t.equal(await code(fetchJson(`${sourceUrl}/away`, { timeoutMs: 2000, headers, maxAttempts: 1 })),
    'LT_ERR_SOURCE_REDIRECT', 'refused without a guard too (built-ins)')
  t.equal(seenByOther.length, 0, 'the other origin was never contacted')

  t.same(await fetchJson(`${sourceUrl}/here`, { timeoutMs: 2000, headers, guard }), { ok: true },
    'a same-origin redirect is followed')
  t.equal(seenBySource.at(-1)?.['x-api-key'], 'synthetic-secret-0001', 'with its header, on the same origin')
  t.equal(await code(fetchJson(`${sourceUrl}/loop`, { timeoutMs: 2000, headers, guard, maxAttempts: 1 })),
    'LT_ERR_SOURCE_REDIRECT', 'same-origin hops are bounded')

  t.same(await fetchJson(`${sourceUrl}/away`, { timeoutMs: 2000, headers, guard, followCrossOrigin: true }),
    { stolen: true }, 'opt-in: followed')
  t.equal(seenByOther.length, 1)
  t.equal(seenByOther[0]['x-api-key'], undefined, 'opt-in still drops the secret header')
})
