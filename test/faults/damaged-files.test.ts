// Damage to the embedded files is never silent: a truncated or scribbled-over SQLite file stops
// the start with a line naming the file and what to do (exit 3), `lienthong repair` rebuilds what
// can be rebuilt and says what it did, and the hub then starts.
import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import { randomFillSync } from 'node:crypto'
import { closeSync, existsSync, openSync, statSync, truncateSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { spawnHub } from '../helpers/spawn-hub.js'
import { waitFor } from '../helpers/wait-for.js'

// Every case spawns the hub through the TypeScript loader: tens of seconds each on a loaded machine.
// The file took about 195 s on CI beside other work, a fifth of the former 900 s bound.
t.setTimeout(1800000)

const env = (dataDir: string): Record<string, string> => ({
  PORT: '0',
  LT_SIM_PORT: '0',
  LOG_LEVEL: 'warn',
  LT_DATA_DIR: dataDir,
  LT_SIM_CITIZENS: '40',
  LT_CIVIL_STATUS_SCHEDULE: '* * * * * *'
})

/** The merger's committed position in the embedded log, read the way an operator would. */
function mergerPosition (dataDir: string): number {
  const file = join(dataDir, 'event-log.sqlite')
  if (!existsSync(file)) return 0
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare("SELECT COALESCE(MAX(seq), 0) FROM group_offsets WHERE grp = 'merger'").pluck().get() as number
  } catch { return 0 } finally { db.close() }
}

/** Runs the hub until the merger has consumed part of the log, then stops it cleanly. */
async function runUntilMerged (t: Test, dataDir: string): Promise<void> {
  const hub = spawnHub([], env(dataDir))
  t.teardown(async () => { await hub.stop('SIGKILL') })
  await hub.waitForOutput(/Liên Thông is running/)
  await waitFor(() => mergerPosition(dataDir) > 0,
    { timeoutMs: 120000, intervalMs: 250, what: 'the merger to consume events' })
  t.equal(await hub.stop('SIGTERM'), 0, 'first run stops cleanly')
}

async function exitOf (
  t: Test,
  args: string[],
  dataDir: string
): Promise<{ code: number | null, output: string }> {
  const p = spawnHub(args, env(dataDir))
  t.teardown(async () => { await p.stop('SIGKILL') })
  // A hang bound, not a duration: each of a case's four processes took about 14 s on CI, most of it the
  // TypeScript loader; the bound is spawnHub's own start bound, for a machine other work slows.
  const code = await Promise.race([
    p.exited,
    new Promise<string>(resolve => setTimeout(() => resolve('still running'), 180000))
  ])
  t.not(code, 'still running', `${args.join(' ') || 'start'} ends by itself`)
  return { code: typeof code === 'string' ? null : code, output: p.output() }
}

async function startsAgain (t: Test, dataDir: string): Promise<void> {
  const hub = spawnHub([], env(dataDir))
  t.teardown(async () => { await hub.stop('SIGKILL') })
  await hub.waitForOutput(/Liên Thông is running/)
  t.equal(await hub.stop('SIGTERM'), 0, 'the repaired hub starts and stops cleanly')
}

const removeWal = (file: string): void => {
  for (const s of ['-wal', '-shm']) if (existsSync(file + s)) unlinkSync(file + s)
}

t.test('event-log.sqlite truncated to 0 bytes', async t => {
  const dataDir = t.testdir({})
  await runUntilMerged(t, dataDir)
  const log = join(dataDir, 'event-log.sqlite')
  truncateSync(log, 0)
  removeWal(log)

  const refused = await exitOf(t, [], dataDir)
  t.equal(refused.code, 3, 'refuses to start')
  t.match(refused.output,
    /Damaged data in \S*event-log\.sqlite \(LT_DATA_DIR\): .*recorded the log at position \d+, but the log ends at 0/)
  t.match(refused.output, /lienthong repair/, 'says what to do')
  t.notMatch(refused.output, /Liên Thông is running/)

  const repair = await exitOf(t, ['repair'], dataDir)
  t.equal(repair.code, 0, 'repair succeeds')
  t.match(repair.output, /repair: reset \d+ connector cursor\(s\)/, 'says the sources are read again')
  t.match(repair.output, /repair: done/)
  await startsAgain(t, dataDir)
})

t.test('64 KB of random bytes written into event-log.sqlite', async t => {
  const dataDir = t.testdir({})
  await runUntilMerged(t, dataDir)
  const log = join(dataDir, 'event-log.sqlite')
  removeWal(log)
  // After the first page, so SQLite still opens the file and only quick_check sees the damage.
  const size = statSync(log).size
  const bytes = randomFillSync(Buffer.alloc(Math.min(65536, size - 4096)))
  const fd = openSync(log, 'r+')
  writeSync(fd, bytes, 0, bytes.length, 4096)
  closeSync(fd)

  const refused = await exitOf(t, [], dataDir)
  t.equal(refused.code, 3, 'refuses to start')
  t.match(refused.output,
    /Damaged data in \S*event-log\.sqlite \(LT_DATA_DIR\): .*(quick_check|malformed|not a database)/)

  const repair = await exitOf(t, ['repair'], dataDir)
  t.equal(repair.code, 0, 'repair succeeds')
  t.match(repair.output, /repair: set \S*event-log\.sqlite aside as \S*event-log\.sqlite\.damaged-/)
  t.ok(existsSync(join(dataDir, 'event-log.sqlite')) === false, 'the damaged file is moved, not left in place')
  await startsAgain(t, dataDir)
})

t.test('LT_STARTUP_CHECK=off skips the file checks, ' +
  'and SQLite errors then name the file and the setting', async t => {
  const dataDir = t.testdir({})
  const store = join(dataDir, 'store.sqlite')
  const fd = openSync(store, 'w')
  writeSync(fd, randomFillSync(Buffer.alloc(65536)))
  closeSync(fd)
  const p = spawnHub([], { ...env(dataDir), LT_STARTUP_CHECK: 'off' })
  t.teardown(async () => { await p.stop('SIGKILL') })
  const code = await p.exited
  t.not(code, 0)
  t.match(p.output(), /\S*store\.sqlite \(set by LT_DATA_DIR\): file is not a database/)
})
