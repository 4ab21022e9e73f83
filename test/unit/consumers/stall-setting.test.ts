// consumer.stallMs (LT_CONSUMER_STALL_MS): a sensible default, and a value too small to tell a slow
// batch from a hang is refused at boot with the setting named.
import t from 'tap'
import { loadConfig, ConfigError } from '../../../hub/config.js'
import { DEFAULT_STALL_MS } from '../../../consumers/supervisor.js'

t.test('defaults to a minute, the supervisor\'s own default', async t => {
  t.equal(loadConfig().consumer.stallMs, 60000)
  t.equal(DEFAULT_STALL_MS, 60000)
  t.equal(loadConfig({ env: { LT_CONSUMER_STALL_MS: '120000' } }).consumer.stallMs, 120000)
})

t.test('a bad value stops the start naming LT_CONSUMER_STALL_MS', async t => {
  for (const [value, why] of [['500', /must be >= 1000/], ['soon', /must be integer/],
    ['7200000', /must be <= 3600000/]] as const) {
    t.throws(() => loadConfig({ env: { LT_CONSUMER_STALL_MS: value } }), ConfigError)
    t.throws(() => loadConfig({ env: { LT_CONSUMER_STALL_MS: value } }),
      { message: /LT_CONSUMER_STALL_MS \(consumer\.stallMs\)/ })
    t.throws(() => loadConfig({ env: { LT_CONSUMER_STALL_MS: value } }), { message: why })
  }
})
