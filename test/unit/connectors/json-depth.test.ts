// The iterative depth check behind LT_ERR_BODY_TOO_DEEP and LT_ERR_SOURCE_TOO_DEEP: brackets in
// strings (escaped quotes included) do not count, and a very deep text is judged without recursion.
import t from 'tap'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { jsonTooDeepAt } from '../../../infra/shared/json-depth.js'
import { fetchJson } from '../../../connectors/runner/fetch-json.js'

t.test('depth is counted outside strings only', async t => {
  t.equal(jsonTooDeepAt('{"a":[1,{"b":2}]}', 3), undefined)
  t.equal(jsonTooDeepAt('{"a":[1,{"b":[]}]}', 3), 13, 'the offset of the bracket that goes too deep')
  t.equal(jsonTooDeepAt('{"a":"[[[[{{{{","b":"\\"[[[["}', 1), undefined, 'brackets in strings, escaped quotes')
  t.equal(jsonTooDeepAt('['.repeat(1_000_000) + ']'.repeat(1_000_000)), 64, 'a million levels, no stack overflow')
})

t.test('a source answering deeply nested JSON fails the fetch with LT_ERR_SOURCE_TOO_DEEP', async t => {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' })
    .end(`{"records":${'['.repeat(5000)}${']'.repeat(5000)}}`))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  await t.rejects(fetchJson(url, { timeoutMs: 2000 }), { code: 'LT_ERR_SOURCE_TOO_DEEP', retriable: false })
})
