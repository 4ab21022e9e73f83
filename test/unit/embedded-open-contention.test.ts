// Roles started together on one data folder open the same new SQLite files at once. Two connections
// switching a new file to WAL together deadlock on the lock upgrade, and SQLite answers one of them
// SQLITE_BUSY at once, without its busy timeout (seen in CI: the three-process test's connectors role
// failed to start with "event-log.sqlite (set by LT_DATA_DIR): database is locked"). The open is
// retried within a bound; other errors and a lock held past the bound still fail, naming the file.
import t from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openSqliteFile } from '../../infra/shared/sqlite-file-errors.js'

const busy = (): Error => new Database.SqliteError('database is locked', 'SQLITE_BUSY')

t.test('a setup refused SQLITE_BUSY is opened again until it succeeds', async t => {
  const file = join(t.testdir({}), 'log.sqlite')
  let attempts = 0
  const db = openSqliteFile(file, 'LT_DATA_DIR', d => {
    attempts++
    if (attempts < 3) throw busy()
    d.exec('CREATE TABLE IF NOT EXISTS x (a)')
  })
  t.teardown(() => { db.close() })
  t.equal(attempts, 3, 'two refusals, then opened')
  t.equal(db.prepare('SELECT count(*) AS n FROM x').get()?.constructor, Object, 'the connection works')
})

t.test('a lock held past the bound fails, naming the file and the setting', async t => {
  const file = join(t.testdir({}), 'log.sqlite')
  let attempts = 0
  t.throws(() => openSqliteFile(file, 'LT_DATA_DIR', () => { attempts++; throw busy() }, { busyBoundMs: 200 }),
    { message: `${file} (set by LT_DATA_DIR): database is locked`, code: 'SQLITE_BUSY' })
  t.ok(attempts > 1 && attempts < 20, `retried within the bound (${attempts} attempts)`)
})

t.test('other errors are not retried', async t => {
  const file = join(t.testdir({}), 'log.sqlite')
  let attempts = 0
  t.throws(() => openSqliteFile(file, 'LT_DATA_DIR', () => {
    attempts++
    throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR')
  }),
    { code: 'SQLITE_IOERR' })
  t.equal(attempts, 1)
})
