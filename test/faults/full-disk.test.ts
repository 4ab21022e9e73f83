// Fault 3 of the matrix: the embedded files' disk fills up during a load. The data folder is a
// small tmpfs (root can mount one: CI runs as root); a filler file leaves too little room for the
// load. The hub must say so (readiness 503, an error naming the file) and, once the filler is
// removed, finish the load with nothing lost: the store then equals a clean run of the same city.
// Without the right to mount (not root), the test is skipped: RLIMIT_FSIZE (`prlimit --fsize`) is
// no substitute, as a write past it raises SIGXFSZ and kills the process (that is fault 1).
import t from 'tap'
import { execFileSync } from 'node:child_process'
import {
  closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statfsSync, statSync, writeSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { waitFor } from '../helpers/wait-for.js'
import { drained, faultHub, readiness, RECOVERY_MS, roles, startFaultHub, type Readiness } from './fault-hub.js'
import { storeHash } from './golden-hash.js'

// Two hubs start here on a loaded 2-core machine; nothing asserts a duration.
t.setTimeout(1200000)

/** Room the hub gets: enough to start (files created, the data folder's write check), not for the load. */
const HEADROOM = 256 * 1024

// Small, yet larger than the whole load (its files grow with every source connected: 16 MB held five
// sources' city, not thirteen's, and a disk still full once the filler is gone tests nothing).
const DISK_SIZE = '96m'

function mountSmallDisk (dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_SIZE}`, 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch { return false }
}

/** Writes a file until only `leave` bytes remain free on the file system (or none: ENOSPC ends it). */
function fill (file: string, leave: number): void {
  const fd = openSync(file, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) {
      const { bavail, bsize } = statfsSync(file)
      const room = bavail * bsize - leave
      if (room <= 0) return
      writeSync(fd, chunk, 0, Math.min(chunk.length, room))
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
  } finally { closeSync(fd) }
}

t.test('a full disk during a load: reported, then recovered without loss once space returns', async t => {
  // The mount point lives outside tap's fixture folder, which tap removes at its own time.
  const disk = mkdtempSync(join(tmpdir(), 'lt-full-disk-'))
  if (!mountSmallDisk(disk)) {
    rmSync(disk, { recursive: true })
    t.plan(0, 'cannot mount a tmpfs here (not root): the full-disk fault is not simulated')
    return
  }
  t.teardown(() => { execFileSync('umount', ['-l', disk]); rmSync(disk, { recursive: true }) })

  const cleanDir = t.testdir({})
  const clean = await startFaultHub(cleanDir)
  await drained(cleanDir, 'the clean run to drain')
  await clean.stopAll('SIGTERM')
  const reference = storeHash(cleanDir, 'acrossRuns')
  // The disk must hold the whole load once the filler is gone, or "recovered" could never be reached.
  const used = readdirSync(cleanDir).reduce((n, f) => n + statSync(join(cleanDir, f)).size, 0)
  t.ok(used < parseInt(DISK_SIZE) * 1024 * 1024 / 2,
    `a clean run's files (${Math.round(used / 1024)} kB) fit twice on the ${DISK_SIZE} disk`)

  const dataDir = join(disk, 'data')
  mkdirSync(dataDir)
  // Consumers and gateway start with room; the load begins when the connectors start, after the filler.
  const hub = faultHub(dataDir)
  t.teardown(async () => { await hub.stopAll('SIGKILL') })
  // On a failure, each process's own account of it (the processes are stopped by then).
  t.teardown(() => {
    if (t.passing()) return
    for (const r of roles) {
      process.stderr.write(`--- ${r} output (last 20 kB) ---\n${hub.processes[r]?.output().slice(-20000) ?? ''}\n`)
    }
  })
  await hub.start('consumers')
  await hub.start('gateway')
  const base = hub.base()
  const filler = join(disk, 'filler')
  fill(filler, HEADROOM)
  await hub.start('connectors')

  // The report: an error naming the file that could not grow, and readiness saying the hub is not ready.
  const output = (): string => roles.map(r => hub.processes[r].output()).join('\n')
  const named = await waitFor(
    () => output().match(new RegExp(`${dataDir}/[\\w.-]+\\.sqlite[^"]*(disk is full|SQLITE_FULL)`)),
    { timeoutMs: RECOVERY_MS, intervalMs: 250, what: 'an error naming the full file' })
  t.pass(`the error names the file: ${named[0]}`)
  const during = await waitFor(async () => { const r = await readiness(base); return r.status === 503 ? r : undefined },
    { timeoutMs: RECOVERY_MS, intervalMs: 500, what: 'readiness 503 while the disk is full' })
    .catch(async () => await readiness(base))
  // Reads still answer on a full disk; the data folder's free space is what readiness checks.
  t.equal(during.status, 503, `not ready while the disk is full (${JSON.stringify(during.body?.checks)})`)

  // Space returns; nobody restarts anything. Consumers whose batches failed are restarted by their
  // supervisor; the log's own failed commits and re-subscribes are reported or retried, not left as
  // unhandled rejections that killed the consumers process (which then also failed to stop cleanly).
  rmSync(filler)
  await t.test('recovered once space returns, nothing lost', async t => {
    await drained(dataDir, 'the load to finish once space returned')
    const after: Readiness = await waitFor(async () => {
      const r = await readiness(base)
      return r.status === 200 ? r : undefined
    }, { timeoutMs: RECOVERY_MS, intervalMs: 500, what: 'readiness 200 once space returned' })
    t.equal(after.body?.status, 'ready', 'ready again')
    t.same(storeHash(dataDir, 'acrossRuns'), reference, 'nothing lost: the store equals a clean run')
  })
  for (const r of roles) {
    t.equal(await hub.processes[r].stop('SIGTERM'), 0, `${r} stops cleanly`)
  }
})
