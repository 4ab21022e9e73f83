// Kafka partitions are a setting (issue 14): validated at boot, default 3, passed to the adapter
// that creates the hub's topics.
import t from 'tap'
import { ConfigError, loadConfig } from '../../hub/config.js'

t.test('KAFKA_PARTITIONS: a whole number from 1 to 256, default 3', async t => {
  t.equal(loadConfig({ env: {} }).kafka.partitions, 3)
  t.equal(loadConfig({ env: { KAFKA_PARTITIONS: '12' } }).kafka.partitions, 12)
  for (const [value, message] of [['0', /must be >= 1/], ['257', /must be <= 256/], ['two', /must be integer/],
    ['1.5', /must be integer/]] as const) {
    const err = t.throws(() => loadConfig({ env: { KAFKA_PARTITIONS: value } }), ConfigError) as ConfigError
    t.match(err.message, /KAFKA_PARTITIONS \(kafka\.partitions\)/, value)
    t.match(err.message, message, value)
  }
})
