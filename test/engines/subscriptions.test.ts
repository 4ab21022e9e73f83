// The subscription delivery scenario (test/integration/subscriptions/delivery.scenario.ts) on
// Kafka and FerretDB: failing, slow and restarted receivers, per-record order, the grant, the
// access log, pause and resume. Each case gets its own Kafka namespace and database.
import { openKafkaEventLog } from '../../infra/event-log/kafka.js'
import { openMongoStore } from '../../infra/store/mongodb.js'
import { deliveryScenario } from '../integration/subscriptions/delivery.scenario.js'
import { hint, kafkaBrokers, mongoUri, quietLogger, testDatabase, testNamespace } from './engines.js'
import t from 'tap'

// Above tap's 180 s default: these took 20-60 s on a CI run beside other work, and their scenario's
// waits are bounded at up to 3 minutes for a loaded machine; a file bound below them would cut them short.
t.setTimeout(900000)

deliveryScenario(t, {
  open: async () => {
    let store
    try { store = await openMongoStore({ uri: mongoUri, database: testDatabase(), timeoutMs: 10000 }) } catch (err) {
      throw new Error(`MongoDB at ${mongoUri} does not answer (${(err as Error).message}); ${hint}`) }
    const eventLog = openKafkaEventLog({ brokers: kafkaBrokers, clientId: 'lt-subscriptions', requestTimeoutMs: 10000,
      logger: quietLogger, namespace: testNamespace() })
    return { eventLog, store }
  }
}, { timeoutMs: 180000 })
