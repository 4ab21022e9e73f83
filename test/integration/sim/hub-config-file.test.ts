// Pointing the hub at one's own sim:serve is one config file: sim:serve writes it for the ports it
// chose, `lienthong --config FILE` loads it, every built-in connector then points at those
// departments, and their exact origins (and nothing else on the host) pass the SSRF guard.
import t from 'tap'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import { startSimulatedCity } from '../../../sim/server/city.js'
import { connectorIds, writeHubConfigFile } from '../../../sim/cli/hub-config-file.js'
import { DEPARTMENTS } from '../../../sim/city/departments.js'
import { loadConfig, ConfigError } from '../../../hub/config.js'
import { createSsrfGuard } from '../../../connectors/ssrf/ssrf-guard.js'

const code = async (p: Promise<unknown>): Promise<string | undefined> => await p.then(() => undefined,
  (err: { code?: string }) => err.code)

t.test('sim:serve\'s config file points every connector at its departments and admits exactly their origins',
  async t => {
  const city = await startSimulatedCity({ citizens: 20, seed: 5 })
  t.teardown(async () => await city.close())
  const file = join(t.testdir({}), 'sources.json')
  const urls = Object.fromEntries(DEPARTMENTS.map(d => [d.handle,
    city.departments[d.handle].url])) as Parameters<typeof writeHubConfigFile>[1]
  writeHubConfigFile(file, urls)
  t.match(JSON.parse(readFileSync(file, 'utf8')), { sources: { 'civil-status': { baseUrl: urls.civilStatus } } },
    'civil status sits in sources with the others')

  const config = loadConfig({ argv: ['--config', file], env: {} })
  t.equal(config.sources['civil-status'].baseUrl, urls.civilStatus, 'civil status')
  for (const name of ['residence', 'land', 'bhyt', 'business'] as const)
    t.equal(config.sources[connectorIds[name]].baseUrl, urls[name], name)
  t.equal(config.sources.residence.schedule, loadConfig().sources.residence.schedule,
    'what the file leaves out keeps its default')

  const guard = createSsrfGuard({ allow: config.connectors.ssrfAllow })
  t.teardown(async () => await guard.close())
  for (const d of DEPARTMENTS) {
    const url = city.departments[d.handle].url + d.streams[0].path
    t.same(await guard.checkUrl(url), ['127.0.0.1'], `${d.id}: allowed at registration`)
    const res = await request(url, { dispatcher: guard.dispatcher })
    t.equal(res.statusCode, 200, `${d.id}: reached through the guard's own connections`)
    await res.body.dump()
  }

  // Only the exact origins: another port on the same loopback host is still refused, at both checks.
  const other = createServer((_req, res) => res.end('{}'))
  await new Promise<void>(resolve => other.listen(0, '127.0.0.1', resolve))
  t.teardown(() => other.close())
  const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`
  t.equal(await code(guard.checkUrl(otherUrl)), 'LT_ERR_SSRF_REFUSED', 'another port is refused at registration')
  t.match(await request(otherUrl, { dispatcher: guard.dispatcher }).then(() => 'reached', (err: Error) => err.message),
    /refused unless the operator allow-lists it/,
    'and inside the connection')
  t.equal(await code(guard.checkUrl(urls.civilStatus.replace('http:', 'https:'))), 'LT_ERR_SSRF_REFUSED',
    'the other scheme is another origin')
})

t.test('an environment variable still overrides the file; naming civil status twice is refused', async t => {
  const dir = t.testdir({
    'sources.json': JSON.stringify({ sources: { civilStatus: { baseUrl: 'http://10.0.0.5:8080' } } }),
    'twice.json': JSON.stringify({ civilStatus: { baseUrl: 'http://a.example' },
      sources: { civilStatus: { baseUrl: 'http://b.example' } } })
  })
  const config = loadConfig({ argv: ['--config', join(dir, 'sources.json')],
    env: { LT_CIVIL_STATUS_URL: 'http://10.0.0.6:9090' } })
  t.equal(config.sources['civil-status'].baseUrl, 'http://10.0.0.6:9090')
  t.same(config.connectors.ssrfAllow, ['http://10.0.0.6:9090'], 'the origin admitted is the one in use')
  t.throws(() => loadConfig({ argv: ['--config', join(dir, 'twice.json')] }), ConfigError)
  t.same(loadConfig().connectors.ssrfAllow, [], 'no configured source, nothing admitted')
})
