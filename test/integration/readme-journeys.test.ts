// The README's journeys, run as written: the curl lines between <!-- journeys --> and
// <!-- /journeys --> are parsed from README.md and sent to a started hub with its demo keys, so
// the quick start cannot drift from what the hub answers.
import t, { type Test } from 'tap'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'undici'
import { spawnHub } from '../helpers/spawn-hub.js'
import { waitFor } from '../helpers/wait-for.js'

t.setTimeout(600000)

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const block = /<!-- journeys -->\n([\s\S]*?)<!-- \/journeys -->/.exec(readme)?.[1] ?? ''
const lines = block.split('\n').filter(l => l.startsWith('curl ') || l.startsWith('for '))

/** A one-line `for V in a b c; do curl …; done` becomes one curl per value, with $V in place. */
function expandLoops (line: string): string[] {
  const loop = /^for (\w+) in ([^;]+); do (curl .*); done$/.exec(line)
  if (loop === null) return [line]
  const [, name, values, body] = loop
  return values.trim().split(/\s+/).map(v => body.replaceAll(`$${name}`, v))
}
const curls = lines.flatMap(expandLoops)

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

interface Call { method: string, url: string, headers: Record<string, string>, body?: string }
function toCall (line: string, vars: { base: string, id: string, bride: string, groom: string,
  key: (id: string) => string }): Call {
  const text = line.replace(/\$\(key ([\w-]+)\)/g, (_, id: string) => vars.key(id)).replaceAll('$ID', vars.id)
    .replaceAll('$BRIDE', vars.bride).replaceAll('$GROOM', vars.groom)
  const args = words(text).slice(1)
  const call: Call = { method: 'GET', url: '', headers: {} }
  let method: string | undefined
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-s') continue
    if (args[i] === '-X') { method = args[++i]; continue }
    if (args[i] === '-H') { const [name, ...value] = args[++i].split(':'); call.headers[name.toLowerCase()] =
      value.join(':').trim(); continue }
    if (args[i] === '-d') {
      // curl's -d @file reads the file, relative to where the README's commands run: the repository root.
      const data = args[++i]
      call.body = data.startsWith('@') ? readFileSync(new URL(`../../${data.slice(1)}`, import.meta.url), 'utf8') : data
      call.method = 'POST'
      continue
    }
    if (args[i].startsWith('-')) throw new Error(`the journeys use a curl flag this test does not know: ${args[i]}`)
    call.url = args[i].replace('http://127.0.0.1:3000', vars.base)
  }
  if (method !== undefined) call.method = method
  return call
}

t.test('the README has the journeys', async t => {
  t.ok(curls.length >= 20, `${curls.length} curl calls`)
  const prefilled = curls.filter(c => c.includes('/v1/prefill'))
    .map(c => /"procedureCode":"'?([\d.]+)/.exec(c)?.[1]).sort()
  const procedures = readdirSync(new URL('../../gateway/prefill/procedures/', import.meta.url))
    .map(f => f.replace(/\.json$/, '')).sort()
  t.same(prefilled, procedures, 'a prefill journey for every procedure the hub ships')
  for (const route of ['/v1/connectors/truong-hoc/dry-run', '/v1/connectors/truong-hoc/events', '/pause', '/resume',
    '/v1/conflicts', '/v1/dead-letters', '/access-log']) {
    t.ok(curls.some(c => c.includes(route)), `a journey calls ${route}`)
  }
  t.match(block, /key \(\) \{ node -p "require\('\.\/\.data\/hub\/demo-keys\.json'\)/,
    'keys come from the file the banner names')
})

t.test('every curl of the README journeys succeeds against a started hub', async t => {
  const dataDir = t.testdir({})
  const hub = spawnHub([], { PORT: '0', LT_DATA_DIR: dataDir, LT_SIM_CITIZENS: '40', LOG_LEVEL: 'warn' })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  const [, base] = await hub.waitForOutput(/API docs \(Swagger UI\): (http:\/\/\S+)\/docs/)
  const [, id] = await hub.waitForOutput(/A citizen to try: +(\d{12})/)
  const [, bride, groom] = await hub.waitForOutput(/A couple to try: +(\d{12}) (\d{12})/)
  const keys = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'),
    'utf8')) as { clients: Array<{ id: string, key: string }> }
  const key = (clientId: string): string => keys.clients.find(c => c.id === clientId)?.key
    ?? `no demo client ${clientId}`
  for (const line of curls) {
    const call = toCall(line, { base, id, bride, groom, key })
    const where = `${call.method} ` +
      `${call.url.replace(base, '').replace(id, '<ID>').replace(bride, '<BRIDE>').replace(groom, '<GROOM>')}`
    // The golden records fill within seconds of the start; each journey waits for its answer. A request
    // that times out fails the wait at once (and a POST it sent may have been applied): a generous bound.
    const answer = await waitFor(async () => {
      const res = await request(call.url, { method: call.method, headers: call.headers, body: call.body,
        headersTimeout: 60000, bodyTimeout: 60000 })
      const body = await res.body.json() as any
      return res.statusCode >= 200 && res.statusCode < 300 ? body : undefined
    }, { timeoutMs: 180000, intervalMs: 500, what: where })
      .catch((err: Error) => { t.fail(`${where}: ${err.message}`); return undefined })
    if (answer === undefined) continue
    t.pass(`${where}: 2xx`)
    checkAnswer(t, call, answer)
  }
})

/** What each kind of journey must show beyond a 2xx, so a journey cannot pass by answering nothing. */
function checkAnswer (t: Test, call: Call, answer: any): void {
  if (call.url.endsWith('/v1/prefill')) {
    const code = JSON.parse(call.body ?? '{}').procedureCode
    t.ok(answer.fields.some((f: { status: string }) => f.status === 'filled'), `the prefill of ${code} fills fields`)
    if (code === '1.000894') {
      const filled = (role: string): boolean => answer.fields.some((f: { subject?: string, status: string }) =>
        f.subject === role && f.status === 'filled')
      t.ok(filled('bride') && filled('groom'), 'the marriage prefill fills both spouses')
    }
  }
  if (call.url.endsWith('/v1/procedures')) t.equal(answer.data.length, 7, 'seven procedures listed')
  if (call.url.endsWith('/dry-run')) {
    t.same(answer.results.map((r: { ok: boolean }) => r.ok), [true, false],
      'the dry run takes the first record, refuses the second')
    t.match(JSON.stringify(answer.results[1].errors), /ngay_sinh|birthDate/, 'and says where the second went wrong')
  }
  if (call.url.endsWith('/events')) t.equal(answer.accepted, 1, 'the pushed record is accepted')
  if (call.url.endsWith('/v1/connectors') && call.method === 'POST') t.equal(answer.id, 'truong-hoc',
    'the connector is registered')
}
