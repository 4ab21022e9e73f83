// The security settings: a bootstrap operator key (or metrics key) too short to be safe stops the start, naming the
// setting and never echoing the value.
import t from 'tap'
import { loadConfig, ConfigError } from '../../hub/config.js'

for (const [env, path, field] of [['LT_OPERATOR_KEY', 'security\\.operatorKey', 'operatorKey'],
  ['LT_METRICS_KEY', 'security\\.metricsKey', 'metricsKey']] as const) {
  t.test(`${env} must be long and printable`, async t => {
    for (const bad of ['short-key', 'x'.repeat(31), `${'x'.repeat(40)} with spaces`]) {
      const err = t.throws(() => loadConfig({ env: { [env]: bad } }), ConfigError) as ConfigError
      t.match(err.message, new RegExp(`${env} \\(${path}\\)`))
      t.notOk(err.message.includes(bad), 'the value is not echoed')
    }
    t.equal(loadConfig({ env: { [env]: 'k'.repeat(32) } }).security[field], 'k'.repeat(32))
    t.equal(loadConfig().security[field], '', 'none by default')
  })
}

t.test('security defaults and environment overrides', async t => {
  const throttle = { authFailuresPerKey: 10, authFailuresPerAddress: 50, authFailureWindowMs: 60000 }
  t.same(loadConfig().security, { operatorKey: '', demoClients: true, keyCacheTtlMs: 5000, grantCacheTtlMs: 1000,
    auditBatchMax: 256, auditTimeoutMs: 5000, ...throttle, metricsKey: '' })
  const c = loadConfig({ env: { LT_DEMO_CLIENTS: 'false', LT_KEY_CACHE_TTL_MS: '0', LT_GRANT_CACHE_TTL_MS: '250',
    LT_AUDIT_BATCH_MAX: '64', LT_AUDIT_TIMEOUT_MS: '2000', LT_AUTH_FAILURES_PER_KEY: '3' } })
  t.same(c.security, { operatorKey: '', demoClients: false, keyCacheTtlMs: 0, grantCacheTtlMs: 250, auditBatchMax: 64,
    auditTimeoutMs: 2000, ...throttle, authFailuresPerKey: 3, metricsKey: '' })
  t.throws(() => loadConfig({ env: { LT_KEY_CACHE_TTL_MS: '600000' } }),
    /LT_KEY_CACHE_TTL_MS \(security\.keyCacheTtlMs\) must be <= 60000/)
})
