// The README's journeys, run as written: the curl lines between <!-- journeys --> and
// <!-- /journeys --> are parsed from README.md and sent to a started hub with its demo keys, so
// the quick start cannot drift from what the hub answers.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'undici'
import { spawnHub } from '../helpers/spawn-hub.js'
import { waitFor } from '../helpers/wait-for.js'

t.setTimeout(600000)

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const block = /<!-- journeys -->\n([\s\S]*?)<!-- \/journeys -->/.exec(readme)?.[1] ?? ''
const curls = block.split('\n').filter(l => l.startsWith('curl '))

/** Shell words: whitespace splits outside quotes; quoted pieces next to each other join ('a'"b"c). */
function words (line: string): string[] {
  const out: string[] = []
  let word: string | undefined
  let quote: string | undefined
  for (const ch of line) {
    if (quote !== undefined) { if (ch === quote) quote = undefined; else word += ch; continue }
    if (ch === '\'' || ch === '"') { quote = ch; word ??= ''; continue }
    if (/\s/.test(ch)) { if (word !== undefined) out.push(word); word = undefined; continue }
    word = (word ?? '') + ch
  }
  if (word !== undefined) out.push(word)
  return out
}

interface Call { method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string }
function toCall (line: string, vars: { base: string, id: string, key: (id: string) => string }): Call {
  const text = line.replace(/\$\(key ([\w-]+)\)/g, (_, id: string) => vars.key(id)).replaceAll('$ID', vars.id)
  const args = words(text).slice(1)
  const call: Call = { method: 'GET', url: '', headers: {} }
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-s') continue
    if (args[i] === '-H') { const [name, ...value] = args[++i].split(':'); call.headers[name.toLowerCase()] = value.join(':').trim(); continue }
    if (args[i] === '-d') { call.body = args[++i]; call.method = 'POST'; continue }
    if (args[i].startsWith('-')) throw new Error(`the journeys use a curl flag this test does not know: ${args[i]}`)
    call.url = args[i].replace('http://127.0.0.1:3000', vars.base)
  }
  return call
}

t.test('the README has the journeys', async t => {
  t.ok(curls.length >= 5, `${curls.length} curl lines`)
  t.match(block, /key \(\) \{ node -p "require\('\.\/\.data\/hub\/demo-keys\.json'\)/, 'keys come from the file the banner names')
})

t.test('every curl of the README journeys succeeds against a started hub', async t => {
  const dataDir = t.testdir({})
  const hub = spawnHub([], { PORT: '0', LT_DATA_DIR: dataDir, LT_SIM_CITIZENS: '40', LOG_LEVEL: 'warn' })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  const [, base] = await hub.waitForOutput(/API docs \(Swagger UI\): (http:\/\/\S+)\/docs/)
  const [, id] = await hub.waitForOutput(/A citizen to try: +(\d{12})/)
  const keys = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8')) as { clients: Array<{ id: string, key: string }> }
  const key = (clientId: string): string => keys.clients.find(c => c.id === clientId)?.key ?? `no demo client ${clientId}`
  for (const line of curls) {
    const call = toCall(line, { base, id, key })
    const where = `${call.method} ${call.url.replace(base, '').replace(id, '<ID>')}`
    // The golden records fill within seconds of the start; each journey waits for its answer.
    const answer = await waitFor(async () => {
      const res = await request(call.url, { method: call.method, headers: call.headers, body: call.body, headersTimeout: 10000, bodyTimeout: 10000 })
      const body = await res.body.json() as any
      return res.statusCode === 200 ? body : undefined
    }, { timeoutMs: 180000, intervalMs: 500, what: where }).catch((err: Error) => { t.fail(`${where}: ${err.message}`); return undefined })
    if (answer === undefined) continue
    t.pass(`${where}: 200`)
    if (call.url.endsWith('/v1/prefill')) t.ok(answer.fields.some((f: { status: string }) => f.status === 'filled'), 'the prefill fills fields')
  }
})
