// The simulated departments take free ports by themselves: two `sim:serve` at once (or one beside a
// hub) must not collide on fixed ports, and each prints the addresses it chose.
import t from 'tap'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'
import { loadConfig } from '../../../hub/config.js'
import { waitFor } from '../../helpers/wait-for.js'
import { compiled } from '../../helpers/compiled.js'

t.setTimeout(300000)
const root = fileURLToPath(new URL('../../..', import.meta.url))

// The compiled CLI (dist/, kept current by tap's `before` hook), as `npm run sim:serve` runs it.

function serve (): { out: () => string, err: () => string, stop: () => void, exited: () => boolean } {
  const child = spawn(process.execPath, [compiled('sim/cli/serve.ts'), '--citizens', '20'], {
    cwd: root, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr.on('data', (d: Buffer) => { err += d.toString() })
  return { out: () => out, err: () => err, stop: () => { child.kill('SIGKILL') },
    exited: () => child.exitCode !== null }
}

t.test('the hub\'s simulated departments default to free ports', async t => {
  t.equal(loadConfig().sim.port, 0)
})

t.test('two sim:serve at once choose different free ports and print them', async t => {
  const a = serve()
  const b = serve()
  t.teardown(() => { a.stop(); b.stop() })
  const urls = await Promise.all([a, b].map(async s => await waitFor(() => {
    if (s.exited()) throw new Error(`sim:serve exited: ${s.err()}`)
    const m = /^civil-status +(http:\/\/127\.0\.0\.1:(\d+))$/m.exec(s.err())
    return m !== null && s.out().includes('"serving"') ? m : undefined
  }, { timeoutMs: 240000, what: 'the chosen ports' })))
  t.not(urls[0][2], urls[1][2], 'different ports')
  for (const [, url] of urls) {
    const res = await request(`${url}/api/v1/cong-dan?limit=1`)
    t.equal(res.statusCode, 200, `${url} answers`)
    await res.body.dump()
  }
  for (const name of ['residence', 'land', 'bhyt', 'business']) t.match(a.err(),
    new RegExp(`^${name} +http://127\\.0\\.0\\.1:\\d+$`, 'm'))
})
