// Issue 18 on the real engines: every message on every topic is a CloudEvent the official SDK's
// Kafka binding accepts in strict mode (Kafka in a namespace of its own, FerretDB for the store).
import t from 'tap'
import { openKafkaEventLog } from '../../infra/event-log/kafka.js'
import { openMongoStore } from '../../infra/store/mongodb.js'
import { cloudEventsOnEveryTopicScenario } from '../integration/connectors-built-in/cloud-events.scenario.js'
import { hint, kafkaBrokers, mongoUri, quietLogger, testDatabase, testNamespace } from './engines.js'

t.test('every topic holds CloudEvents only (Kafka + FerretDB)', async t => {
  const eventLog = openKafkaEventLog({ brokers: kafkaBrokers, clientId: 'lt-cloud-events', requestTimeoutMs: 10000,
    logger: quietLogger, namespace: testNamespace() })
  try { await eventLog.ping() } catch (err) {
    throw new Error(`Kafka at ${kafkaBrokers.join(',')} does not answer (${(err as Error).message}); ${hint}`) }
  const store = await openMongoStore({ uri: mongoUri, database: testDatabase(), timeoutMs: 10000 })
  t.teardown(async () => { await eventLog.close(); await store.close() })
  await cloudEventsOnEveryTopicScenario(t, { eventLog, store, timeoutMs: 180000 })
})
