// `lienthong --help` must print usage and exit 0 instead of starting the hub; a mistyped flag exits 2
// with one line naming it. Real processes, since exit codes and "nothing started" are the point.
import t from 'tap'
import { spawnHub } from '../helpers/spawn-hub.js'

t.setTimeout(300000)

t.test('--help prints usage and exits 0 without starting anything', async t => {
  const hub = spawnHub(['--help'], { LT_DATA_DIR: t.testdir({}) })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  t.equal(await hub.exited, 0)
  t.match(hub.output(), /^usage: lienthong /)
  t.notMatch(hub.output(), /Liên Thông (is running|started)/)
})

t.test('import --help prints the command\'s usage and exits 0', async t => {
  const hub = spawnHub(['import', '--help'], { LT_DATA_DIR: t.testdir({}) })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  t.equal(await hub.exited, 0)
  t.match(hub.output(), /^usage: lienthong import --connector ID/)
})

t.test('an unknown flag exits 2 with one line naming it', async t => {
  const hub = spawnHub(['--prot', '3000'], { LT_DATA_DIR: t.testdir({}) })
  t.teardown(async () => { await hub.stop('SIGKILL') })
  t.equal(await hub.exited, 2)
  t.equal(hub.output(), "Unknown flag '--prot' (lienthong --help).\n")
})
