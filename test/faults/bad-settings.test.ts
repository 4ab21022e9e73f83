// Bad configuration fails fast and names the setting: each case must exit non-zero by itself with
// one line naming the setting and the cause, before any role starts (no connector polls, no
// gateway listens). Bounds are generous; no duration is asserted.
import t, { type Test } from 'tap'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type Socket } from 'node:net'
import { spawnHub } from '../helpers/spawn-hub.js'

// Every case spawns the hub through the TypeScript loader: tens of seconds each on a loaded machine.
// The file took about 195 s on CI beside other work, a fifth of the former 900 s bound.
t.setTimeout(1800000)

// A port nothing listens on: bound, then released.
async function closedPort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise(resolve => server.close(resolve))
  return port
}

// Accepts connections and never answers, as a proxy or a firewall in the way may.
async function silentServer (t: Test): Promise<number> {
  const sockets: Socket[] = []
  const server = createServer(socket => { sockets.push(socket) })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { for (const s of sockets) s.destroy(); server.close() })
  return (server.address() as { port: number }).port
}

async function refused (t: Test, env: Record<string, string>, line: RegExp): Promise<string> {
  // A second t.testdir() would replace the fixture a case built for LT_DATA_DIR.
  const dataDir = env.LT_DATA_DIR ?? t.testdir({})
  const hub = spawnHub([], {
    PORT: '0',
    LT_SIM_PORT: '0',
    LOG_LEVEL: 'info',
    ...env,
    LT_DATA_DIR: dataDir
  })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  // A hang bound, not a duration: the TypeScript loader alone took 10 s of each case's 10-21 s on CI, and
  // a machine slowed four times by other work came near the former 90 s.
  const code = await Promise.race([
    hub.exited,
    new Promise(resolve => setTimeout(() => resolve('still running'), 240000))
  ])
  t.not(code, 'still running', 'exits within the bound')
  t.not(code, 0, 'exits non-zero')
  t.not(code, null, 'exits by itself, not by a signal')
  t.match(hub.output(), line, 'one line names the setting and the cause')
  t.notMatch(hub.output(), /Liên Thông is running|connector stream|"level":50/, 'no role started')
  return hub.output()
}

t.test('a MongoDB URI whose port is not a number', async t => {
  await refused(t, { MONGODB_URI: 'mongodb://127.0.0.1:notaport/x' },
    /MONGODB_URI \(mongodb\.uri\).*port 'notaport' is not a number/)
})

t.test('a Kafka broker port above 65535', async t => {
  await refused(t, { KAFKA_BROKERS: '127.0.0.1:99999' }, /KAFKA_BROKERS \(kafka\.brokers\).*99999.*outside 1-65535/)
})

t.test('an enum setting lists the allowed values', async t => {
  await refused(t, { LT_STARTUP_CHECK: 'full' }, /LT_STARTUP_CHECK \(startupCheck\) must be one of quick, off/)
})

t.test('an unreachable MongoDB; the credentials in its URI are never shown', async t => {
  const port = await closedPort()
  const out = await refused(t, { MONGODB_URI: `mongodb://operator:s3cret-pw@127.0.0.1:${port}/x` },
    new RegExp(`MONGODB_URI \\(mongodb\\.uri\\): cannot reach 127\\.0\\.0\\.1:${port}`))
  t.notMatch(out, /s3cret-pw/)
})

t.test('an unreachable Kafka', async t => {
  const port = await closedPort()
  await refused(t, { KAFKA_BROKERS: `127.0.0.1:${port}` },
    new RegExp(`KAFKA_BROKERS \\(kafka\\.brokers\\): cannot reach 127\\.0\\.0\\.1:${port}`))
})

t.test('a Kafka address where something accepts connections but never answers', async t => {
  const port = await silentServer(t)
  await refused(t, { KAFKA_BROKERS: `127.0.0.1:${port}` }, /KAFKA_BROKERS \(kafka\.brokers\): cannot reach .*no answer/)
})

t.test('a data dir under a regular file', async t => {
  const dir = t.testdir({ 'a-file': 'not a folder' })
  await refused(t, { LT_DATA_DIR: join(dir, 'a-file', 'hub') },
    /LT_DATA_DIR \(dataDir\) .*a-file.*(ENOTDIR|not a folder)/)
})

t.test('a data dir under /proc (a recursive mkdir looped there at full CPU)', async t => {
  await refused(t, { LT_DATA_DIR: '/proc/lt-hub-test' }, /LT_DATA_DIR \(dataDir\) \/proc\/lt-hub-test: cannot create/)
})

t.test('a read-only data dir', async t => {
  // Outside the test's own folder, which tap removes before teardowns run (a mount there is busy).
  const ro = mkdtempSync(join(tmpdir(), 'lt-read-only-'))
  t.teardown(() => rmSync(ro, { recursive: true, force: true }))
  if (process.getuid?.() === 0) {
    // Root writes through file modes, so a read-only mount stands in for a read-only folder.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', ro])
    t.teardown(() => { execFileSync('umount', [ro]) })
  } else {
    chmodSync(ro, 0o555)
    t.teardown(() => chmodSync(ro, 0o755))
  }
  await refused(t, { LT_DATA_DIR: ro }, /LT_DATA_DIR \(dataDir\) .*(cannot write there|read-only|EROFS)/)
})
