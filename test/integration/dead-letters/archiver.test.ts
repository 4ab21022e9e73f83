// The dead-letter archiver on the embedded adapters: the same rejection archived twice is one
// letter, kept as first archived; a replayed letter rejected again is reopened.
import t from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { startDeadLetterArchiver } from '../../../consumers/dead-letters/archiver.js'
import { waitFor } from '../../helpers/wait-for.js'

t.test('a repeated rejection is one letter; a replayed one rejected again is reopened', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  let handled = 0
  const archiver = await startDeadLetterArchiver({
    eventLog, store, logger: pino({ level: 'silent' }), topics: async () => ['dlq.normalizer'], refreshMs: 60000,
    batchSize: 10, maxAttempts: 3, onBatch: s => { handled += s.messages }
  })
  t.teardown(async () => { await archiver.stop(); await eventLog.close(); await store.close() })
  const letter = (ingestTime: string, offset: string): { key: string, value: string,
    headers: Record<string, string> } => ({
    key: '092085001234',
    value: JSON.stringify({ id: 'residence:residents:R-1:2025-07-02T08:15:00.000Z', op: 'r', ingestTime,
      data: { ngay_sinh: '31021990' } }),
    headers: { 'lt-dlq-code': 'LT_ERR_MAPPING', 'lt-dlq-reason': 'person/birthDate: day 31 does not exist in 02/1990',
      'lt-dlq-origin-topic': 'source.residence', 'lt-dlq-origin-partition': '0', 'lt-dlq-origin-offset': offset }
  })
  const letters = async (): Promise<DeadLetterDoc[]> => await store.find('dead_letters',
    { limit: 10 }) as DeadLetterDoc[]

  await eventLog.publish('dlq.normalizer', [letter('2025-07-02T08:15:03.000Z', '17')])
  await waitFor(() => handled >= 1, { what: 'the first letter' })
  const [first] = await letters()
  await eventLog.publish('dlq.normalizer', [letter('2025-07-09T00:00:00.000Z', '912'),
    letter('2025-07-10T00:00:00.000Z', '913')])
  await waitFor(() => handled >= 3, { what: 'the repeats' })
  t.same(await letters(), [first], 'the same rejection sent again is the same letter, unchanged')

  await store.bulkUpsert('dead_letters',
    [{ doc: { ...first, version: first.version + 1, state: 'replayed', replays: 1 }, expectedVersion: first.version }])
  await eventLog.publish('dlq.normalizer', [letter('2025-07-11T00:00:00.000Z', '914')])
  await waitFor(() => handled >= 4, { what: 'the rejection after the replay' })
  const after = await letters()
  t.equal(after.length, 1, 'still one letter')
  t.match(after[0], { _id: first._id, state: 'open', replays: 1, version: first.version + 2 },
    'reopened, its replay count kept')
})
