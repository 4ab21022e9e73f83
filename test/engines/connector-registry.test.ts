// The sixth source registered through the API on the real engines: Kafka for the event log,
// FerretDB for the store. A unique connector id per run keeps runs apart on the shared broker.
import t from 'tap'
import { sixthSourceScenario } from '../integration/connectors/sixth-source.scenario.js'
import { kafkaBrokers, mongoUri, testDatabase, testNamespace } from './engines.js'

// Above tap's 180 s default: these took 20-60 s on a CI run beside other work, and their scenario's
// waits are bounded at up to 3 minutes for a loaded machine; a file bound below them would cut them short.
t.setTimeout(900000)

t.test('an integrator registers a sixth source through the API alone (Kafka + FerretDB)', async t => {
  const connectorId = `tro-cap-${Date.now().toString(36)}`
  await sixthSourceScenario(t, {
    dataDir: t.testdir({}),
    kafka: { brokers: kafkaBrokers, clientId: 'lt-connector-registry', namespace: testNamespace() },
    mongodb: { uri: mongoUri, database: testDatabase() }
  }, connectorId)
})
