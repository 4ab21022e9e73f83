// The slice on the real engines: Kafka for the event log, FerretDB for the store.
import t from 'tap'
import { sliceScenario } from '../contract/slice.scenario.js'
import { kafkaBrokers, mongoUri, testDatabase, testNamespace } from './engines.js'

// Above tap's 180 s default: each wait of the scenario is bounded at 5 minutes for a loaded machine.
t.setTimeout(1200000)

t.test('a change in the civil-status source reaches the API (Kafka + FerretDB)', async t => {
  await sliceScenario(t, {
    dataDir: t.testdir({}),
    kafka: { brokers: kafkaBrokers, clientId: 'lt-slice', namespace: testNamespace() },
    mongodb: { uri: mongoUri, database: testDatabase() }
  })
})
