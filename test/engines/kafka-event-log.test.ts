// The event-log contract against a real Kafka broker.
import t from 'tap'
import { openKafkaEventLog } from '../../infra/event-log/kafka.js'
import { eventLogContract } from '../contract/event-log.contract.js'
import { hint, kafkaBrokers, quietLogger } from './engines.js'

const open = async () => openKafkaEventLog({ brokers: kafkaBrokers, clientId: 'lt-contract',
  requestTimeoutMs: 10000, logger: quietLogger })

t.before(async () => {
  const log = await open()
  try { await log.ping() } catch (err) { throw new Error(`Kafka at ${kafkaBrokers.join(',')} does not answer ` +
    `(${(err as Error).message}); ${hint}`) } finally { await log.close() }
})
t.test('Kafka event log', async t => { eventLogContract(t, open) })
