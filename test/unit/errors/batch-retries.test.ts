// The batch runner both event-log adapters share (normalizer and merger batches go through it):
// a non-retriable failure gives up at once, a retriable one is tried again up to the bound, and
// an error from outside the error family (an engine's) is taken as transient.
import t from 'tap'
import { runBatchWithRetries } from '../../../infra/event-log/batch-runner.js'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { StoreWriteError } from '../../../infra/ports/store.js'
import { StaleGoldenWriteError } from '../../../consumers/merger/merge-batch.js'
import { SurvivorshipError } from '../../../consumers/merger/survivorship.js'
import type { ConsumedMessage } from '../../../infra/ports/event-log.js'
import { waitFor } from '../../helpers/wait-for.js'

const batch: ConsumedMessage[] =
  [{ topic: 't', partition: 0, offset: '0', key: 'k', value: '{}', headers: {}, timestamp: 0 }]

t.test('a non-retriable failure stops the batch after one attempt', async t => {
  let calls = 0
  const refused = new StoreWriteError('write for p1 must carry a version above 3')
  const outcome = await runBatchWithRetries(async () => { calls++; throw refused }, batch, 8,
    new AbortController().signal)
  t.equal(calls, 1)
  t.match(outcome, { ok: false, attempts: 1 })
  t.equal(outcome.error, refused, 'the error is reported as thrown')
})

t.test('a retriable failure is tried again until it succeeds', async t => {
  let calls = 0
  const outcome = await runBatchWithRetries(async () => { if (++calls < 3) throw new StaleGoldenWriteError('persons',
    ['p1']) }, batch, 8, new AbortController().signal)
  t.equal(calls, 3)
  t.match(outcome, { ok: true, attempts: 3 })
})

t.test('retries stay bounded, for the family and for engine errors alike', async t => {
  for (const make of [() => new StaleGoldenWriteError('persons', ['p1']),
    () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })]) {
    let calls = 0
    const outcome = await runBatchWithRetries(async () => { calls++; throw make() }, batch, 3,
      new AbortController().signal)
    t.equal(calls, 3, `${make().message}: tried maxAttempts times`)
    t.match(outcome, { ok: false, attempts: 3 })
  }
})

t.test('a subscription whose handler fails for good reports it at once, not after every attempt', async t => {
  const dir = t.testdir({})
  const log = openEmbeddedEventLog({ file: `${dir}/log.db` })
  t.teardown(async () => { await log.close() })
  await log.publish('raw.x', [{ key: 'k', value: '{}' }])
  let calls = 0
  let fatal: Error | undefined
  const started = Date.now()
  const sub = await log.subscribe({
    group: 'g', topics: ['raw.x'], maxAttempts: 8,
    handler: async () => { calls++; throw new SurvivorshipError('survivorship rules are not valid') },
    onFatal: err => { fatal = err }
  })
  t.teardown(async () => { await sub.stop() })
  await waitFor(() => fatal !== undefined, { timeoutMs: 20000 })
  t.equal(calls, 1, 'the handler ran once')
  t.match(fatal, { code: 'LT_ERR_SURVIVORSHIP' })
  t.equal(sub.state(), 'failed')
  t.ok(Date.now() - started < 20000)
})
