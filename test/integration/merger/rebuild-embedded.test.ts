// lienthong rebuild on the embedded adapters (SQLite event log and store).
import t from 'tap'
import { join } from 'node:path'
import { rebuildScenario } from './rebuild-scenario.js'

t.test('a replay into an empty store equals the live store (embedded)', async t => {
  const dir = t.testdir({})
  await rebuildScenario(t, { dataDir: join(dir, 'live') }, [
    ['--target-data-dir', join(dir, 'rebuilt')],
    ['--target-data-dir', join(dir, 'rebuilt-again')],
    ['--target-database', 'x']
  ])
})
