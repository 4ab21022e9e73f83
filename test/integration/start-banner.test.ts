// What a newcomer reads after `npm start`: a short block of plain lines first (Swagger UI, readiness,
// a citizen to try, the demo keys' file but never the keys), and only then the JSON logs.
import t from 'tap'
import { join } from 'node:path'
import { request } from 'undici'
import { spawnHub } from '../helpers/spawn-hub.js'
import { waitFor } from '../helpers/wait-for.js'

t.setTimeout(600000)

t.test('the banner comes first, names the keys file and prints no key', async t => {
  const dataDir = t.testdir({})
  const hub = spawnHub([], { PORT: '0', LT_DATA_DIR: dataDir, LT_SIM_CITIZENS: '30', LOG_LEVEL: 'info' })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  const [, base] = await hub.waitForOutput(/API docs \(Swagger UI\): (http:\/\/\S+)\/docs/)
  await hub.waitForOutput(/"msg":"Liên Thông started"/)
  const out = hub.output()
  const lines = out.split('\n').filter(l => l.trim() !== '')
  t.match(lines[0], /^Liên Thông is running \(role all; /, 'the banner is the first thing printed')
  const firstJson = lines.findIndex(l => l.startsWith('{'))
  const bannerEnd = lines.findIndex(l => l.includes('JSON logs follow.'))
  t.ok(bannerEnd > 0 && firstJson > bannerEnd, 'every JSON log line comes after the banner')
  t.match(out, `  Readiness:             ${base}/health/ready`)
  t.match(out, new RegExp(`  A citizen to try:      \\d{12}  \\(GET ${base}/v1/citizens/\\d{12}\\)`))
  t.match(out, `  Demo API keys:         ${join(dataDir, 'demo-keys.json')}`)
  t.notMatch(out, /lt_[0-9a-f]{16}_/, 'no API key on the terminal')
  // The city loads meanwhile; readiness bounds each check at 3 s of wall time, which a loaded machine can
  // exceed for a moment (a truthful 503). The banner is this test's subject: wait for the ready answer.
  const ready = await waitFor(async () => {
    const r = await request(`${base}/health/ready`)
    await r.body.dump()
    return r.statusCode === 200 ? r : undefined
  }, { what: 'readiness 200' })
  t.equal(ready.statusCode, 200)
})
