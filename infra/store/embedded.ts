// Embedded store on SQLite: one table of JSON documents keyed by (collection, _id) with the version
// in its own column, so a versioned write is one guarded statement inside one transaction.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { namingFileInErrors, openSqliteFile } from '../shared/sqlite-file-errors.js'
import { startWalCheckpointer, type WalCheckpointerOptions } from '../shared/wal-checkpointer.js'
import {
  assertFieldName,
  assertWritesMoveForward,
  MAX_FIND_LIMIT,
  type BulkUpsertResult,
  type FieldValue,
  type FindQuery,
  type Store,
  type StoredDoc
} from '../ports/store.js'

const indexName = (collection: string, field: string): string => `ix_${collection}_${field.replace(/\./g, '_')}`

/**
 * `checkpoint` tunes the WAL checkpointer (see wal-checkpointer.ts); in-memory stores have no WAL.
 * `setting` is what chose the file, named in its errors (LT_DATA_DIR unless a command chose it).
 */
export function openEmbeddedStore (
  { file, checkpoint, setting = 'LT_DATA_DIR' }: { file: string, checkpoint?: WalCheckpointerOptions, setting?: string }
): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = openSqliteFile(file, setting, db => {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    db.exec(`
    CREATE TABLE IF NOT EXISTS documents (
      collection TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
      PRIMARY KEY (collection, id)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS cursors (
      connector TEXT NOT NULL, stream TEXT NOT NULL, cursor TEXT NOT NULL, updated_at INTEGER NOT NULL,
      PRIMARY KEY (connector, stream)) WITHOUT ROWID;
  `)
  })
  // In-memory databases have no WAL (journal_mode stays 'memory').
  const wal = db.pragma('journal_mode', { simple: true }) === 'wal'
  const checkpointer = wal ? startWalCheckpointer(db, file, checkpoint) : undefined
  const selectOne = db.prepare('SELECT body FROM documents WHERE collection = ? AND id = ?').pluck()
  const insertNew = db.prepare(
    'INSERT INTO documents (collection, id, version, body) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'
  )
  const updateIfVersion = db.prepare(
    'UPDATE documents SET version = ?, body = ? WHERE collection = ? AND id = ? AND version = ?'
  )
  const selectCursor = db.prepare('SELECT cursor FROM cursors WHERE connector = ? AND stream = ?').pluck()
  const upsertCursor = db.prepare(`INSERT INTO cursors (connector, stream, cursor, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (connector, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`)

  const applyWrites = db.transaction((
    collection: string, writes: Parameters<Store['bulkUpsert']>[1]
  ): BulkUpsertResult => {
    const result: BulkUpsertResult = { applied: [], stale: [] }
    for (const { doc, expectedVersion } of writes) {
      const body = JSON.stringify(doc)
      const info = expectedVersion === null
        ? insertNew.run(collection, doc._id, doc.version, body)
        : updateIfVersion.run(doc.version, body, collection, doc._id, expectedVersion)
      if (info.changes === 1) result.applied.push(doc._id)
      else result.stale.push(doc._id)
    }
    return result
  })
  const indexed = new Set<string>()
  /** SQL for a field: `_id` is a column, anything else a JSON path, indexed on first use. */
  function column (collection: string, field: string): string {
    assertFieldName(field)
    if (field === '_id') return 'id'
    const expr = `json_extract(body, '$.${field}')`
    const key = `${collection}:${field}`
    if (!indexed.has(key)) {
      db.exec(
        `CREATE INDEX IF NOT EXISTS ${indexName(collection, field)} ON documents (collection, ${expr}) WHERE ` +
        `collection = '${collection}'`
      )
      indexed.add(key)
    }
    return expr
  }
  function find (collection: string, query: FindQuery): StoredDoc[] {
    const { sql, params } = findSql(collection, query, column)
    return db.prepare(sql).pluck().all(...params).map(parse)
  }
  const deleteOne = db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?')
  const deleteIds = db.transaction(
    (collection: string, ids: string[]) => ids.reduce((n, id) => n + deleteOne.run(collection, id).changes, 0)
  )

  let closed = false
  const parse = (body: unknown): StoredDoc => JSON.parse(body as string) as StoredDoc

  return namingFileInErrors<Store>({
    kind: 'embedded',
    async get (collection, id) {
      const body = selectOne.get(collection, id)
      return body === undefined ? undefined : parse(body)
    },
    async getMany (collection, ids) {
      const found = new Map<string, StoredDoc>()
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500)
        const rows = db
          .prepare(`SELECT body FROM documents WHERE collection = ? AND id IN (${chunk.map(() => '?').join(',')})`)
          .pluck().all(collection, ...chunk)
        for (const body of rows) { const doc = parse(body); found.set(doc._id, doc) }
      }
      return found
    },
    async bulkUpsert (collection, writes) {
      assertWritesMoveForward(writes)
      const result = applyWrites(collection, writes)
      checkpointer?.wrote(writes.length)
      return result
    },
    async find (collection, query) { return find(collection, query) },
    async deleteMany (collection, ids) {
      const deleted = deleteIds(collection, ids)
      checkpointer?.wrote(ids.length)
      return deleted
    },
    async getCursor (connector, stream) {
      const raw = selectCursor.get(connector, stream)
      return raw === undefined ? undefined : JSON.parse(raw as string)
    },
    async saveCursor (connector, stream, cursor) {
      upsertCursor.run(connector, stream, JSON.stringify(cursor), Date.now())
      checkpointer?.wrote(1)
    },
    async ping () {
      if (closed) throw new Error('store is closed')
      db.prepare('SELECT 1').get()
    },
    async close () {
      if (closed) return
      closed = true
      await checkpointer?.stop()
      db.close()
    }
  }, file, setting)
}

// json_extract gives booleans back as 1 / 0.
const sqlValue = (v: FieldValue): string | number => typeof v === 'boolean' ? (v ? 1 : 0) : v

/**
 * The SQL of a find. With a where clause the first field's expression index is named (INDEXED
 * BY): left to itself, SQLite's planner walks the primary key, already in `_id` order, through the
 * whole collection (1.65 s for a citizen's cards among 90 000), and with sampled statistics it
 * still does. The collection is a literal (names are a closed set), so the partial index's own
 * WHERE is provably met.
 */
export function findSql (
  collection: string,
  { where = {}, orderBy, after, limit }: FindQuery,
  column: (collection: string, field: string) => string
): { sql: string, params: Array<string | number> } {
  if (!/^[a-z_]+$/.test(collection)) throw new Error(`bad collection name ${collection}`)
  const clauses = [`collection = '${collection}'`]
  const params: Array<string | number> = []
  const fields = Object.keys(where)
  for (const [field, value] of Object.entries(where)) {
    clauses.push(`${column(collection, field)} = ?`)
    params.push(sqlValue(value))
  }
  const orderField = orderBy?.field ?? '_id'
  const desc = orderBy?.direction === 'desc'
  const order = column(collection, orderField)
  if (after !== undefined) {
    const cmp = desc ? '<' : '>'
    clauses.push(orderField === '_id' ? `id ${cmp} ?` : `(${order} ${cmp} ? OR (${order} = ? AND id ${cmp} ?))`)
    params.push(...(orderField === '_id' ? [after.id] : [sqlValue(after.value), sqlValue(after.value), after.id]))
  }
  const dir = desc ? 'DESC' : 'ASC'
  const indexedBy = fields.length > 0 && fields[0] !== '_id' ? ` INDEXED BY ${indexName(collection, fields[0])}` : ''
  params.push(Math.min(limit, MAX_FIND_LIMIT))
  return {
    sql: `SELECT body FROM documents${indexedBy} WHERE ${clauses.join(' AND ')} ` +
      `ORDER BY ${order} ${dir}, id ${dir} LIMIT ?`,
    params
  }
}
