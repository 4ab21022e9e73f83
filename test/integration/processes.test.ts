// What only real processes show: a bad setting stops the start with its name, SIGTERM shuts down
// cleanly, and the roles run as separate processes sharing the embedded data folder.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'undici'
import { spawnHub } from '../helpers/spawn-hub.js'
import { waitFor } from '../helpers/wait-for.js'

// Three hub processes start here; on a loaded machine each start can take minutes, so the file's
// bound is wider than the suite's default. Nothing here asserts a duration.
t.setTimeout(900000)

// A request bound, not a latency check: a hub loading its city on a loaded machine may answer slowly, and a
// request that times out inside a wait fails the whole wait at once.
const getJson = async (url: string, headers: Record<string, string> = {}): Promise<{ status: number, body: any }> => {
  const res = await request(url, { headers, headersTimeout: 60000, bodyTimeout: 60000 })
  return { status: res.statusCode, body: await res.body.json() }
}

t.test('a bad setting stops the start and names it', async t => {
  const hub = spawnHub([], { PORT: '99999' })
  t.equal(await hub.exited, 2, 'exit code 2')
  t.match(hub.output(), /Invalid configuration: PORT \(port\) must be <= 65535/)
})

t.test('SIGTERM stops polling and consuming, then exits 0', async t => {
  const hub = spawnHub(['--role', 'all'], { PORT: '0', LT_SIM_PORT: '0',
    LT_DATA_DIR: t.testdir({}), LOG_LEVEL: 'info' })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  const [, base] = await hub.waitForOutput(/API docs \(Swagger UI\): (http:\/\/\S+)\/docs/)
  // The city loads meanwhile; readiness bounds each check at 3 s of wall time, which a loaded machine can
  // exceed for a moment (a truthful 503). The stop is this test's subject: wait for the ready answer.
  const ready = await waitFor(async () => {
    const r = await getJson(`${base}/health/ready`)
    return r.status === 200 ? r : undefined
  }, { what: 'readiness 200' })
  t.equal(ready.status, 200)
  t.equal(ready.body.status, 'ready')
  t.equal(await hub.stop('SIGTERM'), 0, 'clean exit')
  t.match(hub.output(), /shutting down: finishing the batch in hand/)
  t.notMatch(hub.output(), /"level":50/, 'no error logged while stopping')
})

t.test('connectors, consumers and gateway as three processes', async t => {
  const dataDir = t.testdir({})
  const common = { LT_DATA_DIR: dataDir, LOG_LEVEL: 'info', LT_CIVIL_STATUS_SCHEDULE: '* * * * * *' }
  const connectors = spawnHub(['--role', 'connectors'], { ...common, LT_SIM_PORT: '0', LT_SIM_CITIZENS: '25' })
  const consumers = spawnHub(['--role', 'consumers'], common)
  const gateway = spawnHub(['--role', 'gateway'], { ...common, PORT: '0' })
  t.teardown(async () => { await Promise.all([connectors, consumers, gateway].map(async p =>
    await p.stop('SIGKILL'))) })
  const [, sourceUrl] = await connectors.waitForOutput(/"url":"(http:\/\/[^"]+)"/)
  const [, base] = await gateway.waitForOutput(/API docs \(Swagger UI\): (http:\/\/\S+)\/docs/)
  const page = await getJson(`${sourceUrl}/api/v1/cong-dan?limit=1`)
  const id = page.body.data[0].so_dinh_danh as string
  // The gateway process, on the embedded store, wrote the demo clients' keys into the data folder.
  const demo = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'),
    'utf8')) as { clients: Array<{ id: string, key: string }> }
  const oneStop = demo.clients.find(c => c.id === 'demo-mot-cua')?.key ?? ''
  const headers = { authorization: `Bearer ${oneStop}`, 'x-purpose': '1.001193' }
  const citizen = await waitFor(async () => { const r =
    await getJson(`${base}/v1/citizens/${id}`, headers); return r.status === 200 ? r : undefined },
    { timeoutMs: 300000, what: 'the citizen through three processes' })
  t.equal(citizen.body.data.personalId, id)
  t.notMatch(gateway.output(), new RegExp(id), 'the full personal id never reaches the info log')
  t.notOk(gateway.output().split('\n').filter(l => l.startsWith('{'))
    .some(l => l.includes(oneStop)), 'nor does an API key')
  for (const p of [connectors, consumers, gateway]) t.equal(await p.stop('SIGTERM'), 0)
})
