// lienthong rebuild on the real engines: Kafka for the event log, FerretDB for the store. The test
// runs in its own Kafka namespace, so the replay carries only what this run published.
import t from 'tap'
import { rebuildScenario } from '../integration/merger/rebuild-scenario.js'
import { kafkaBrokers, mongoUri, testDatabase, testNamespace } from './engines.js'

t.test('a replay into an empty database equals the live one (Kafka + FerretDB)', async t => {
  const live = testDatabase()
  await rebuildScenario(t, {
    dataDir: t.testdir({}),
    kafka: { brokers: kafkaBrokers, clientId: 'lt-rebuild-test', namespace: testNamespace() },
    mongodb: { uri: mongoUri, database: live }
  }, [
    ['--target-database', `${live}_rebuilt`],
    ['--target-database', `${live}_rebuilt2`],
    ['--target-data-dir', 'x']
  ], { sharedLog: true })
})
