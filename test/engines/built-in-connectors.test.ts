// The five built-in connectors and the normalizer on the real engines: Kafka for the event log,
// FerretDB for the store (start them with npm run infra:up).
import t from 'tap'
import { openKafkaEventLog } from '../../infra/event-log/kafka.js'
import { openMongoStore } from '../../infra/store/mongodb.js'
import { builtInPipelineScenario } from '../integration/connectors-built-in/pipeline.scenario.js'
import { hint, kafkaBrokers, mongoUri, quietLogger, testDatabase } from './engines.js'

// Above tap's 180 s default: these took 20-60 s on a CI run beside other work, and their scenario's
// waits are bounded at up to 3 minutes for a loaded machine; a file bound below them would cut them short.
t.setTimeout(900000)

t.test('a 200-citizen city through five connectors and the normalizer (Kafka + FerretDB)', async t => {
  const eventLog = openKafkaEventLog({ brokers: kafkaBrokers, clientId: 'lt-built-in',
    requestTimeoutMs: 10000, logger: quietLogger })
  try { await eventLog.ping() } catch (err) {
    throw new Error(`Kafka at ${kafkaBrokers.join(',')} does not answer (${(err as Error).message}); ${hint}`) }
  const store = await openMongoStore({ uri: mongoUri, database: testDatabase(), timeoutMs: 10000 })
  t.teardown(async () => { await eventLog.close(); await store.close() })
  await builtInPipelineScenario(t, { eventLog, store, timeoutMs: 180000 })
})
