// lienthong rebuild on the real engines: Kafka for the event log, FerretDB for the store. Canonical
// topics are global on the broker, so the replay also carries what earlier runs and other tests
// published; live and rebuilt stores see the same log, so their hashes must still agree.
import t from 'tap'
import { rebuildScenario } from '../integration/merger/rebuild-scenario.js'
import { kafkaBrokers, mongoUri, testDatabase } from './engines.js'

t.test('a replay into an empty database equals the live one (Kafka + FerretDB)', async t => {
  const live = testDatabase()
  await rebuildScenario(t, {
    dataDir: t.testdir({}),
    kafka: { brokers: kafkaBrokers, clientId: 'lt-rebuild-test' },
    mongodb: { uri: mongoUri, database: live }
  }, [
    ['--target-database', `${live}_rebuilt`],
    ['--target-database', `${live}_rebuilt2`],
    ['--target-data-dir', 'x']
  ], { sharedLog: true, idleMs: 5000 })
})
