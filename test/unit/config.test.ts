import t from 'tap'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { loadConfig, ConfigError, envSettings, hubConfigSchema } from '../../hub/config.js'

t.test('no configuration gives the embedded default', async t => {
  const c = loadConfig()
  t.equal(c.role, 'all')
  t.same(c.kafka.brokers, [], 'no brokers: embedded event log')
  t.equal(c.mongodb.uri, '', 'no URI: embedded store')
  t.equal(c.sim.enabled, true)
  t.equal(c.port, 3000)
  t.equal(c.dataDir, '.data/hub')
})

t.test('environment, file and flags apply in order', async t => {
  const dir = t.testdir({})
  const file = join(dir, 'hub.json')
  writeFileSync(file, JSON.stringify({ port: 4000, logLevel: 'debug', mongodb: { database: 'fromfile' } }))
  const c = loadConfig({
    env: { LT_CONFIG_FILE: file, PORT: '5000', KAFKA_BROKERS: '127.0.0.1:19092, 10.0.0.2:9092',
      MONGODB_URI: 'mongodb://127.0.0.1:27018/x', LT_SIM: 'false' },
    argv: ['--role', 'gateway']
  })
  t.equal(c.port, 5000, 'env beats file')
  t.equal(c.logLevel, 'debug', 'file beats defaults')
  t.equal(c.mongodb.database, 'fromfile')
  t.same(c.kafka.brokers, ['127.0.0.1:19092', '10.0.0.2:9092'])
  t.equal(c.mongodb.uri, 'mongodb://127.0.0.1:27018/x')
  t.equal(c.sim.enabled, false)
  t.equal(c.role, 'gateway', 'flag beats env')
  t.equal(loadConfig({ env: { PORT: '5000' }, argv: ['--port=6000'] }).port, 6000)
})

t.test('a bad value stops the start with the setting named', async t => {
  const cases: Array<[Record<string, string>, string[], RegExp]> = [
    [{ PORT: '70000' }, [], /PORT \(port\) must be <= 65535/],
    [{ PORT: 'abc' }, [], /PORT \(port\) must be integer/],
    [{ KAFKA_BROKERS: 'localhost' }, [], /KAFKA_BROKERS \(kafka\.brokers\) must match pattern/],
    [{ MONGODB_URI: 'postgres://x' }, [], /MONGODB_URI \(mongodb\.uri\) must match pattern/],
    [{ LT_ROLE: 'everything' }, [], /LT_ROLE \(role\) must be one of all, gateway, connectors, consumers/],
    [{ LT_STARTUP_CHECK: 'full' }, [], /LT_STARTUP_CHECK \(startupCheck\) must be one of quick, off/],
    [{ KAFKA_BROKERS: '127.0.0.1:99999' }, [],
      /KAFKA_BROKERS \(kafka\.brokers\) 127\.0\.0\.1:99999: port 99999 is outside 1-65535/],
    [{ MONGODB_URI: 'mongodb://127.0.0.1:notaport/x' }, [],
      /MONGODB_URI \(mongodb\.uri\) host 127\.0\.0\.1: port 'notaport' is not a number/],
    [{ LT_SIM: 'maybe' }, [], /LT_SIM \(sim\.enabled\) must be boolean/],
    [{ LT_CIVIL_STATUS_SCHEDULE: 'every minute' }, [],
      /LT_CIVIL_STATUS_SCHEDULE \(sources\.civil-status\.schedule\) is not a valid cron expression/],
    [{}, ['--role'], /--role needs a value/]
  ]
  for (const [env, argv, message] of cases) {
    const err = t.throws(() => loadConfig({ env, argv }), ConfigError) as ConfigError
    t.match(err.message, message, JSON.stringify(env))
  }
})

t.test('a config file that is missing, not JSON or has unknown keys is refused', async t => {
  const dir = t.testdir({ 'bad.json': '{ port: ', 'extra.json': JSON.stringify({ portt: 1 }) })
  t.throws(() => loadConfig({ env: { LT_CONFIG_FILE: join(dir, 'nope.json') } }), /Cannot read config file/)
  t.throws(() => loadConfig({ env: { LT_CONFIG_FILE: join(dir, 'bad.json') } }), /is not valid/)
  t.throws(() => loadConfig({ argv: ['--config', join(dir, 'extra.json')] }),
    /portt must NOT have additional properties/)
})

t.test('every environment variable maps to a real setting of the schema', async t => {
  for (const s of envSettings) {
    let node: any = hubConfigSchema
    for (const part of s.path.split('.')) node = node?.properties?.[part]
    t.ok(node, `${s.env} -> ${s.path} exists in the schema`)
  }
})
