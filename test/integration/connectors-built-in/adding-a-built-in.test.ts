// docs/connectors.md, "Adding a built-in connector", followed with a fixture: a sixth built-in
// (test/fixtures/built-in-connector: manifest, mapping, raw schema, simulated source) added by one
// entry in the list builtInRegistry checks, the function connectors/built-in.ts builds the shipped
// list with. Nothing else names it, yet its source is configured (LT_SOURCE_LABOUR_URL, defaults
// from its manifest), wired, polled, and its records merge into the golden records with its
// declared authority.
import t from 'tap'
import { builtInRegistry, builtIns } from '../../../connectors/built-in.js'
import { loadConfig, ConfigError } from '../../../hub/config.js'
import { startHub } from '../../../hub/start-hub.js'
import { builtInSurvivorship } from '../../../hub/built-in-survivorship.js'
import { authorityFor, loadSurvivorship, SurvivorshipError } from '../../../consumers/merger/survivorship.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { waitFor } from '../../helpers/wait-for.js'
import { labourConnector } from '../../fixtures/built-in-connector/connector.js'
import { startLabourSource } from '../../fixtures/built-in-connector/simulated-source.js'

interface Golden { fields?: Record<string, unknown>, sources?: Record<string, unknown> }

// The one step outside the connector's own folder: its entry in the list.
const withLabour = builtInRegistry([
  ...builtIns.entries,
  { connector: labourConnector, authoritativeFor: { person: ['occupation'] } }
])

t.test('the sixth built-in is configured by its id, with its manifest\'s defaults', async t => {
  const config = loadConfig({ env: { LT_SOURCE_LABOUR_URL: 'http://10.2.0.1:8080' } }, withLabour)
  t.same(config.sources.labour,
    { baseUrl: 'http://10.2.0.1:8080', schedule: '*/30 * * * * *', pageSize: 200, timeoutMs: 10000 })
  t.ok(config.connectors.ssrfAllow.includes('http://10.2.0.1:8080'), 'its origin is admitted like the others\'')
  t.throws(() => loadConfig({ env: { LT_SOURCE_LABOUR_SCHEDULE: 'now and then' } }, withLabour),
    /LT_SOURCE_LABOUR_SCHEDULE \(sources\.labour\.schedule\) is not a valid cron expression/)
  t.throws(() => loadConfig({ env: { LT_SOURCE_LABOUR_URL: 'http://10.2.0.1:8080' } }),
    /LT_SOURCE_LABOUR_URL names no built-in connector/, 'without the entry, the shipped hub has no such source')
})

t.test('its authority joins the survivorship rules; a claim on another source\'s field stops the boot', async t => {
  const rules = builtInSurvivorship(loadSurvivorship(), withLabour)
  t.equal(authorityFor(rules, 'person', 'occupation'), 'lao-dong')
  t.equal(authorityFor(rules, 'person', 'fullName'), 'ho-tich', 'the others\' rules stay')
  const greedy = builtInRegistry([
    ...builtIns.entries,
    { connector: labourConnector, authoritativeFor: { person: ['fullName'] } }
  ])
  t.throws(() => builtInSurvivorship(loadSurvivorship(), greedy), SurvivorshipError)
  const without = builtInRegistry(builtIns.entries.filter(e => e.connector.manifest.id !== 'land'))
  t.throws(() => builtInSurvivorship(loadSurvivorship(), without),
    /name source systems no built-in connector has: dat-dai/)
})

t.test('without a URL and without a simulated department, the hub says which variable to set', async t => {
  const overrides = { dataDir: t.testdir({}), port: 0, logLevel: 'silent' as const, sim: { citizens: 5 } }
  const config = loadConfig({ overrides }, withLabour)
  const err = await startHub(config, createLogger('silent'), { builtIns: withLabour })
    .then(() => undefined, (e: unknown) => e)
  t.ok(err instanceof ConfigError, 'a configuration error (exit code 2)')
  t.match(err, {
    code: 'LT_ERR_CONFIG',
    message: /LT_SOURCE_LABOUR_URL \(sources\.labour\.baseUrl\) is required \(no simulated department/
  })
})

t.test('the sixth built-in is wired, polled, and its records merge into golden records', async t => {
  const source = await startLabourSource()
  t.teardown(async () => await source.close())
  const config = loadConfig({
    env: {
      LT_SOURCE_LABOUR_URL: source.url,
      LT_SOURCE_LABOUR_SCHEDULE: '* * * * * *',
      LT_SOURCE_CIVIL_STATUS_SCHEDULE: '* * * * * *'
    },
    overrides: {
      dataDir: t.testdir({}), port: 0, logLevel: 'error',
      sim: { port: 0, citizens: 5, seed: 11, changesPerSecond: 0 },
      security: { demoClients: false }
    }
  }, withLabour)
  const hub = await startHub(config, createLogger(config.logLevel), { builtIns: withLabour })
  t.teardown(async () => await hub.stop())
  t.equal(hub.connectors.length, builtIns.connectors.length + 1, 'one poll runner more than the shipped built-ins')

  // A citizen of the simulated city, as civil status holds them, is also in the labour register.
  const citizen = hub.source?.records()[0]
  if (citizen === undefined) throw new Error('the simulated city has no citizen')
  const id = String(citizen.so_dinh_danh)
  source.upsert({
    soDinhDanh: id,
    hoTen: String(citizen.ho_va_ten),
    ngaySinh: String(citizen.ngay_sinh),
    gioiTinh: String(citizen.gioi_tinh),
    ngheNghiep: 'Thợ may'
  })

  const golden = await waitFor(async () => {
    const doc = await hub.store.get('persons', id) as Golden | undefined
    return doc?.fields?.occupation !== undefined && doc.sources?.['ho-tich'] !== undefined ? doc : undefined
  }, { what: 'a golden record with the labour register\'s occupation and civil status\'s identity', timeoutMs: 60000 })
  t.ok(source.requests() > 0, 'the hub polled the source at LT_SOURCE_LABOUR_URL')
  t.equal(golden.fields?.occupation, 'Thợ may', 'the labour register\'s field merged')
  t.ok(golden.sources?.['lao-dong'] !== undefined && golden.sources?.['ho-tich'] !== undefined,
    'one golden record, both sources')
  t.match(JSON.stringify(golden), '"connector":"labour"', 'its provenance names the connector')
})
