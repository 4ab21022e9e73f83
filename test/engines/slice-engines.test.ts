// The slice on the real engines: Kafka for the event log, FerretDB for the store.
import t from 'tap'
import { sliceScenario } from '../contract/slice.scenario.js'
import { kafkaBrokers, mongoUri, testDatabase, testNamespace } from './engines.js'

t.test('a change in the civil-status source reaches the API (Kafka + FerretDB)', async t => {
  await sliceScenario(t, {
    dataDir: t.testdir({}),
    kafka: { brokers: kafkaBrokers, clientId: 'lt-slice', namespace: testNamespace() },
    mongodb: { uri: mongoUri, database: testDatabase() }
  })
})
