// The built-in connectors' sources are configured by connector id (`sources.<id>`,
// LT_SOURCE_<ID>_URL / _SCHEDULE), with defaults from each manifest's config schema; the names used
// before (LT_BHYT_URL, sources.bhyt, civilStatus, …) still work as aliases of the same settings.
import t from 'tap'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { loadConfig, ConfigError, envSettings } from '../../hub/config.js'
import { builtIns } from '../../connectors/built-in.js'

const FORMER: Array<[id: string, prefix: string]> = [
  ['civil-status', 'LT_CIVIL_STATUS'], ['residence', 'LT_RESIDENCE'], ['land', 'LT_LAND'],
  ['health-insurance', 'LT_BHYT'], ['business-household', 'LT_BUSINESS']
]
const newPrefix = (id: string): string => `LT_SOURCE_${id.toUpperCase().replace(/-/g, '_')}`

t.test('every built-in has sources.<id> with its manifest\'s defaults, and nothing else is there', async t => {
  const config = loadConfig()
  t.same(Object.keys(config.sources), builtIns.connectors.map(c => c.manifest.id))
  for (const c of builtIns.connectors) {
    const declared = (c.manifest.configSchema as { properties: Record<string, { default?: unknown }> }).properties
    const { schedule, pageSize, timeoutMs } = declared
    const defaults = { schedule: schedule.default, pageSize: pageSize.default, timeoutMs: timeoutMs.default }
    t.same(config.sources[c.manifest.id], { baseUrl: '', ...defaults }, c.manifest.id)
  }
  t.equal(config.sources['health-insurance'].schedule, '*/10 * * * * *')
  t.equal(config.sources['civil-status'].schedule, '*/5 * * * * *')
})

t.test('LT_SOURCE_<ID>_URL and the former name give the same configuration', async t => {
  for (const [id, prefix] of FORMER) {
    const url = `http://10.0.0.9:${8000 + id.length}`
    const schedule = '*/7 * * * * *'
    const byNew = loadConfig({ env: { [`${newPrefix(id)}_URL`]: url, [`${newPrefix(id)}_SCHEDULE`]: schedule } })
    const byFormer = loadConfig({ env: { [`${prefix}_URL`]: url, [`${prefix}_SCHEDULE`]: schedule } })
    t.same(byFormer, byNew, `${prefix}_URL = ${newPrefix(id)}_URL`)
    t.equal(byNew.sources[id].baseUrl, url)
    t.equal(byNew.sources[id].schedule, schedule)
    t.ok(byNew.connectors.ssrfAllow.includes(new URL(url).origin), 'its origin is admitted')
    // Both names, same value: no conflict.
    const both = loadConfig({ env: { [`${prefix}_URL`]: url, [`${newPrefix(id)}_URL`]: url } })
    t.equal(both.sources[id].baseUrl, url)
  }
})

t.test('the new name and its former name set to different values is a boot error naming both', async t => {
  const err = t.throws(() => loadConfig({
    env: { LT_BHYT_URL: 'http://10.0.0.1:1', LT_SOURCE_HEALTH_INSURANCE_URL: 'http://10.0.0.2:2' }
  }), ConfigError) as ConfigError
  t.match(err.message, /LT_SOURCE_HEALTH_INSURANCE_URL and LT_BHYT_URL both set sources\.health-insurance\.baseUrl/)
  t.match(err.message, /keep LT_SOURCE_HEALTH_INSURANCE_URL \(LT_BHYT_URL is its former name\)/)
  t.equal(err.code, 'LT_ERR_CONFIG')
})

t.test('a bad source setting names the variable the operator set', async t => {
  t.throws(() => loadConfig({ env: { LT_SOURCE_LAND_SCHEDULE: 'every ten seconds' } }),
    /LT_SOURCE_LAND_SCHEDULE \(sources\.land\.schedule\) is not a valid cron expression/)
  t.throws(() => loadConfig({ env: { LT_LAND_SCHEDULE: 'every ten seconds' } }),
    /LT_LAND_SCHEDULE \(sources\.land\.schedule\) is not a valid cron expression/)
  t.throws(() => loadConfig({ env: { LT_SOURCE_BUSINESS_HOUSEHOLD_URL: 'ftp://x' } }),
    /LT_SOURCE_BUSINESS_HOUSEHOLD_URL \(sources\.business-household\.baseUrl\) must match pattern/)
})

t.test('a config file may use connector ids or the former keys, not both for one source', async t => {
  const dir = t.testdir({})
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name)
    writeFileSync(file, JSON.stringify(value))
    return file
  }
  const ids = { sources: { 'health-insurance': { baseUrl: 'http://10.1.0.1:80' }, 'civil-status': { pageSize: 100 } } }
  const former = { civilStatus: { pageSize: 100 }, sources: { bhyt: { baseUrl: 'http://10.1.0.1:80' } } }
  const byId = loadConfig({ argv: ['--config', write('ids.json', ids)] })
  const byFormer = loadConfig({ argv: ['--config', write('former.json', former)] })
  t.same(byFormer, byId)
  t.equal(byId.sources['health-insurance'].baseUrl, 'http://10.1.0.1:80')
  t.equal(byId.sources['civil-status'].pageSize, 100)
  const twice = write('twice.json', { sources: { bhyt: {}, 'health-insurance': {} } })
  t.throws(() => loadConfig({ argv: ['--config', twice] }), /names the health-insurance source twice/)
  const unknown = write('unknown.json', { sources: { welfare: { baseUrl: 'http://x.example' } } })
  t.throws(() => loadConfig({ argv: ['--config', unknown] }), /sources\.welfare must NOT have additional properties/)
})

t.test('the variables list carries both names, the former ones marked as aliases', async t => {
  for (const [id, prefix] of FORMER) {
    t.match(envSettings.find(s => s.env === `${newPrefix(id)}_URL`), { path: `sources.${id}.baseUrl` })
    t.match(envSettings.find(s => s.env === `${prefix}_URL`), { path: `sources.${id}.baseUrl`, alias: true })
  }
})
