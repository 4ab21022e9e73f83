// A full disk can fail the embedded event log's own writes, not only a handler's: the commit of a
// group's position after a batch succeeded. SQLITE_FULL is simulated on that statement alone (a
// real full disk needs a tmpfs and root: test/faults/full-disk.test.ts). The subscription must
// report it through onFatal, as a failed batch does, so that supervision restarts the consumer;
// before, the loop's promise rejected with nobody listening and the whole process died.
import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { openEmbeddedEventLog } from '../../infra/event-log/embedded.js'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import { waitFor } from '../helpers/wait-for.js'

type Run = (...params: unknown[]) => Database.RunResult

/** Makes every write to group_offsets fail with SQLITE_FULL while `full.on` is true. */
function simulateFullDiskOnCommits (t: Test): { on: boolean } {
  const full = { on: false }
  const probe = new Database(':memory:')
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: Run }
  probe.close()
  const run = proto.run
  proto.run = function (this: { source: string }, ...params: unknown[]) {
    if (full.on && this.source.includes('group_offsets')) {
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL')
    }
    return run.apply(this, params)
  }
  t.teardown(() => { proto.run = run })
  return full
}

t.test('a commit that fails on a full disk is reported, and the batch is delivered again', async t => {
  const full = simulateFullDiskOnCommits(t)
  const file = join(t.testdir({}), 'log.sqlite')
  const log = openEmbeddedEventLog({ file })
  t.teardown(async () => { await log.close() })
  const seen: ConsumedMessage[] = []
  const fatal: Error[] = []
  const subscribe = async (): Promise<Awaited<ReturnType<typeof log.subscribe>>> => await log.subscribe({
    group: 'g', topics: ['t'], maxAttempts: 1, handler: async batch => { seen.push(...batch) },
    onFatal: err => fatal.push(err)
  })
  const first = await subscribe()
  full.on = true
  await log.publish('t', [{ key: 'k', value: 'v1' }])

  await waitFor(() => fatal.length > 0, { what: 'the failed commit reported through onFatal' })
  t.match(fatal[0], { code: 'SQLITE_FULL', message: `${file} (set by LT_DATA_DIR): database or disk is full` },
    'the disk error, naming the file')
  t.equal(first.state(), 'failed', 'the subscription says it failed')
  await t.resolves(first.stop(), 'stop() settles')

  // Space returns; a new subscription (the supervisor's restart) gets the uncommitted batch again.
  full.on = false
  const second = await subscribe()
  await waitFor(() => seen.length === 2, { what: 'the batch delivered again' })
  t.same(seen.map(m => m.value), ['v1', 'v1'], 'handled twice: at least once, nothing lost')
  await second.stop()
})
