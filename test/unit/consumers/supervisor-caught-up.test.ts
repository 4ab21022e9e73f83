// A supervised consumer whose last batch failed is "failing" until something proves it consumes. If
// nothing waits for its group any more (the work was committed before a restart, or another member
// took the batch), no batch will ever come to prove it: the supervisor's own reading of the group's
// positions must then say consuming, and readiness must not depend on reading the lag in time.
// CI once saw readiness stay 503 for two minutes after a broker outage, every message merged.
import t from 'tap'
import { pino } from 'pino'
import type { BatchHandler, EventLog, GroupPosition } from '../../../infra/ports/event-log.js'
import { checkConsumers, superviseConsumer } from '../../../consumers/supervisor.js'
import { waitFor } from '../../helpers/wait-for.js'

/** An event log that hands the test the consumer's handler and lets it set the group's lag. */
function scriptedLog (): { log: EventLog, handler: () => BatchHandler, setLag: (n: number) => void,
  lagReads: () => number } {
  let handler: BatchHandler | undefined
  let lag = 3
  let committed = 0
  let lagReads = 0
  const positions = (): GroupPosition[] => [{ topic: 'in', partition: 0, committed: String(committed), lag }]
  const log = {
    kind: 'embedded',
    publish: async () => {},
    subscribe: async (opts: { handler: BatchHandler }) => {
      handler = opts.handler
      return { stop: async () => {}, state: () => 'running' as const }
    },
    groupPositions: async () => positions(),
    groupLag: async () => { lagReads++; return lag },
    close: async () => {}
  } as unknown as EventLog
  return {
    log,
    handler: () => { if (handler === undefined) throw new Error('not subscribed'); return handler },
    setLag: n => { lag = n; committed += 1 },
    lagReads: () => lagReads
  }
}

t.test('a failing consumer with nothing left waiting reads consuming, without a batch to prove it', async t => {
  const scripted = scriptedLog()
  const consumer = await superviseConsumer({
    name: 'test-consumer',
    eventLog: scripted.log,
    logger: pino({ level: 'silent' }),
    restartMinMs: 20,
    restartMaxMs: 200,
    // Not a stall test: the lag stays 3 with no progress until setLag(0), so the window must outlast
    // the steps below (readings come every stallMs / 4). At 400 ms a loaded machine could reach it first,
    // and readiness then named the consumer stalled, not failing.
    stallMs: 8000,
    start: async log =>
      await log.subscribe({ group: 'g', topics: ['in'], handler: async () => { throw new Error('broker gone') } })
  })
  t.teardown(async () => { await consumer.stop() })

  await t.rejects(scripted.handler()([{ topic: 'in', partition: 0, offset: '0', key: 'k', value: 'v', headers: {},
    timestamp: 0 }]))
  t.equal(consumer.health().condition, 'failing', 'a failed batch with work waiting is failing')
  await waitFor(() => consumer.lastLag() !== undefined,
    { timeoutMs: 60000, intervalMs: 20, what: 'a reading of the group' })
  const readsBefore = scripted.lagReads()
  await t.rejects(checkConsumers([consumer]), /test-consumer failing \(lag 3\): broker gone/, 'and readiness names it')
  t.equal(scripted.lagReads(), readsBefore, 'with the lag of the supervisor\'s reading, not read again')

  // Another member commits the batch: nothing waits for the group any more.
  scripted.setLag(0)
  await waitFor(() => consumer.health().condition === 'consuming',
    { timeoutMs: 60000, intervalMs: 20, what: 'consuming' })
  await checkConsumers([consumer])
  t.pass('and readiness passes')
})
