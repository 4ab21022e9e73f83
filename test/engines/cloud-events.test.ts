// Issue 18 on the real engines: every message on every topic is a CloudEvent the official SDK's
// Kafka binding accepts in strict mode (Kafka in a namespace of its own, FerretDB for the store).
import t from 'tap'
import { openKafkaEventLog } from '../../infra/event-log/kafka.js'
import { openMongoStore } from '../../infra/store/mongodb.js'
import { cloudEventsOnEveryTopicScenario } from '../integration/connectors-built-in/cloud-events.scenario.js'
import { hint, kafkaBrokers, mongoUri, quietLogger, testDatabase, testNamespace } from './engines.js'

// Above tap's 180 s default: these took 20-60 s on a CI run beside other work, and their scenario's
// waits are bounded at up to 3 minutes for a loaded machine; a file bound below them would cut them short.
t.setTimeout(900000)

t.test('every topic holds CloudEvents only (Kafka + FerretDB)', async t => {
  const eventLog = openKafkaEventLog({ brokers: kafkaBrokers, clientId: 'lt-cloud-events', requestTimeoutMs: 10000,
    logger: quietLogger, namespace: testNamespace() })
  try { await eventLog.ping() } catch (err) {
    throw new Error(`Kafka at ${kafkaBrokers.join(',')} does not answer (${(err as Error).message}); ${hint}`) }
  const store = await openMongoStore({ uri: mongoUri, database: testDatabase(), timeoutMs: 10000 })
  t.teardown(async () => { await eventLog.close(); await store.close() })
  await cloudEventsOnEveryTopicScenario(t, { eventLog, store, timeoutMs: 180000 })
})
