// lienthong rebuild on the real engines: Kafka for the event log, FerretDB for the store. The test
// runs in its own Kafka namespace, so the replay carries only what this run published.
import t from 'tap'
import { rebuildScenario } from '../integration/merger/rebuild-scenario.js'
import { kafkaBrokers, mongoUri, testDatabase, testNamespace } from './engines.js'

// Above tap's 180 s default: these took 20-60 s on a CI run beside other work, and their scenario's
// waits are bounded at up to 3 minutes for a loaded machine; a file bound below them would cut them short.
t.setTimeout(900000)

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
