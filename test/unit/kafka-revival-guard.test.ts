// kafkajs restarts a crashed consumer on a timer of its own, after disconnecting it; a stop that
// lands in that window was undone seconds later, and the revived member held its partitions unread
// (the broker-outage test hung on it). The guard keeps a consumer its owner no longer wants down.
import t from 'tap'
import { EventEmitter } from 'node:events'
import { pino } from 'pino'
import { keepDownOnceStopped, restartOnlyWhile,
  type GuardedConsumer } from '../../infra/event-log/kafka-revival-guard.js'

function fakeConsumer (): GuardedConsumer & { join: () => void, disconnects: number } {
  const emitter = new EventEmitter()
  const fake = {
    disconnects: 0,
    events: { GROUP_JOIN: 'consumer.group_join' as const },
    on: (event: string, listener: (e: { payload: { memberId: string } }) => void) => emitter.on(event, listener),
    disconnect: async () => { fake.disconnects++ },
    join: () => { emitter.emit('consumer.group_join', { payload: { memberId: 'm-1' } }) }
  }
  return fake
}
const nextTurn = async (): Promise<void> => await new Promise(resolve => setImmediate(resolve))

t.test('kafkajs may restart a consumer only while its owner wants it', async t => {
  let wanted = true
  const restartOnFailure = restartOnlyWhile(() => wanted)
  t.equal(await restartOnFailure(), true, 'a running consumer is restarted after a retriable crash')
  wanted = false
  t.equal(await restartOnFailure(), false, 'a stopped one is not')
})

t.test('a stopped consumer that joins its group again is disconnected', async t => {
  let wanted = true
  const consumer = fakeConsumer()
  keepDownOnceStopped(consumer, () => wanted, pino({ level: 'silent' }), 'g')
  consumer.join()
  await nextTurn()
  t.equal(consumer.disconnects, 0, 'a wanted consumer joining (a rebalance) is left alone')
  wanted = false
  consumer.join()
  t.equal(consumer.disconnects, 0, 'not while kafkajs is still starting its runner')
  await nextTurn()
  t.equal(consumer.disconnects, 1, 'disconnected on the next turn')
})
