// SIGTERM in every phase of a real process (issue 12.4): during start-up it stops what started and
// exits 0 (it used to die with 143, the signal's default action); during a load it stops after the
// batch in hand, commits and exits 0 without draining the backlog first. Nothing here asserts a
// duration: the bounds are generous and only fail a hub that never gets there.
import t from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { spawnHub } from '../helpers/spawn-hub.js'
import { waitFor } from '../helpers/wait-for.js'

t.setTimeout(900000)

/** Events the normalizer and merger have not committed yet, read from the embedded log's file. */
function backlog (dataDir: string): number {
  const db = new Database(join(dataDir, 'event-log.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const behind = (group: string, pattern: string): number => db
      .prepare(`SELECT COUNT(*) FROM messages m WHERE m.topic LIKE ?
      AND m.seq > COALESCE((SELECT seq FROM group_offsets g WHERE g.grp = ? AND g.topic = m.topic), 0)`)
      .pluck().get(pattern, group) as number
    return behind('normalizer', 'source.%') + behind('merger', 'canonical.%')
  } finally { db.close() }
}

const safeBacklog = (dataDir: string): number => { try { return backlog(dataDir) } catch { return 0 } }

t.test('SIGTERM during start-up exits 0', async t => {
  // A large simulated city makes start-up long enough for the signal to land in it.
  const hub = spawnHub(['--role', 'all'], { PORT: '0', LT_SIM_PORT: '0', LT_SIM_CITIZENS: '20000',
    LT_DATA_DIR: t.testdir({}), LOG_LEVEL: 'info' })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  await hub.waitForOutput(/"msg":"starting"/)
  t.equal(await hub.stop('SIGTERM'), 0, 'clean exit, not 143')
  t.match(hub.output(), /shutting down/)
})

t.test('SIGTERM during a load stops after the batch in hand and exits 0', async t => {
  const dataDir = t.testdir({})
  const hub = spawnHub(['--role', 'all'], {
    PORT: '0', LT_SIM_PORT: '0', LT_SIM_CITIZENS: '5000', LT_DATA_DIR: dataDir, LOG_LEVEL: 'info',
      LT_CONSUMER_BATCH_SIZE: '100',
    // The stop is bounded (30 s by default); a loaded CI machine may need longer to finish the batch in hand.
    LT_CONSUMER_SHUTDOWN_MS: '300000'
  })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  const [, base] = await hub.waitForOutput(/API docs \(Swagger UI\): (http:\/\/\S+)\/docs/)
  // A backlog far larger than one batch per consumer: draining it is not what a stop should do.
  await waitFor(() => safeBacklog(dataDir) >= 1500, { timeoutMs: 300000, intervalMs: 100,
    what: 'a backlog of 1,500 events' })
  // The event loop answers while the consumers work.
  t.equal((await fetch(`${base}/health/live`)).status, 200)
  t.equal(await hub.stop('SIGTERM'), 0, 'clean exit')
  t.match(hub.output(), /shutting down: finishing the batch in hand/)
  t.notMatch(hub.output(), /"level":50/, 'no error logged while stopping')
  t.ok(backlog(dataDir) > 0, 'it stopped without draining the whole backlog first')
})
