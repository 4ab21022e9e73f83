// SQLite's own errors name no file; the embedded adapters' errors name the file and the setting
// that chose it, and keep SQLite's code.
import t from 'tap'
import { randomFillSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { openEmbeddedEventLog } from '../../infra/event-log/embedded.js'

t.test('a store file that is not a database', async t => {
  const file = join(t.testdir({}), 'store.sqlite')
  writeFileSync(file, randomFillSync(Buffer.alloc(65536)))
  t.throws(() => openEmbeddedStore({ file }),
    { message: `${file} (set by LT_DATA_DIR): file is not a database`, code: 'SQLITE_NOTADB' })
})

t.test('an event log file in a folder that cannot be opened, with the setting a command chose', async t => {
  const dir = t.testdir({ 'event-log.sqlite': {} })
  const file = join(dir, 'event-log.sqlite')
  t.throws(() => openEmbeddedEventLog({ file, setting: '--target-data-dir' }),
    { message: new RegExp(`^${file} \\(set by --target-data-dir\\): `) })
})
