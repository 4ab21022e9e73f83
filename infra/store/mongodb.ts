// MongoDB adapter of the store port (official driver). Written for what FerretDB 1.x and MongoDB 7
// both support: documents keyed by `_id`, collection-level bulkWrite, no transactions, no
// aggregation-pipeline updates. A versioned write is a replace filtered on {_id, version}; an
// insert relies on the unique `_id`. Refused writes are found by reading versions back only when
// the bulk result says something did not apply.
import { decodeNestedArrays, encodeNestedArrays } from './nested-arrays.js'
import {
  MongoClient,
  MongoBulkWriteError,
  type MongoClientOptions,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Filter
} from 'mongodb'
import { canonicalJson } from '../shared/canonical-json.js'
import { createPermits } from './permits.js'
import {
  assertFieldName,
  assertWritesMoveForward,
  MAX_FIND_LIMIT,
  StoreWriteError,
  type BulkUpsertResult,
  type FindQuery,
  type Store,
  type StoredDoc
} from '../ports/store.js'

export interface MongoStoreOptions {
  uri: string
  database: string
  timeoutMs: number
  /** Driver connections to the server at most (the driver's maxPoolSize). */
  maxPoolSize?: number
  /** Operations in flight at once from this process, a bulk write counting one per write. */
  maxInFlight?: number
}

/**
 * Defaults measured on FerretDB 1.24 over PostgreSQL (pool_max_conns 50), docs/reliability.md:
 * with them a 5,000-citizen load completes; unbounded, FerretDB stopped answering at 1,500.
 */
export const STORE_DEFAULTS = { maxPoolSize: 16, maxInFlight: 16 } as const

/** Operations per bulkWrite at most (see bulkUpsert); also bounded by maxInFlight. */
const BULK_CHUNK = 16

interface CursorDoc { _id: string, cursor: unknown, updatedAt: Date }

export async function openMongoStore (
  {
    uri,
    database,
    timeoutMs,
    maxPoolSize = STORE_DEFAULTS.maxPoolSize,
    maxInFlight = STORE_DEFAULTS.maxInFlight
  }: MongoStoreOptions
): Promise<Store> {
  // Every role of the process shares these permits: gateway reads, connectors' cursors, the
  // normalizer and the merger together never have more than maxInFlight operations at the server.
  const permits = createPermits(maxInFlight)
  const chunkSize = Math.min(BULK_CHUNK, maxInFlight)
  const clientOptions: MongoClientOptions = {
    maxPoolSize,
    // Waiting for a connection is bounded like any other call: a stuck server fails the call.
    waitQueueTimeoutMS: timeoutMs * 3,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 3,
    // FerretDB 1.x does not support retryable writes' transaction numbers everywhere; the
    // version guard makes our writes safe to retry by hand instead.
    retryWrites: false,
    // A member set to undefined is left out, as JSON (and so the embedded store) leaves it out;
    // otherwise the two stores would hold different documents for the same write.
    ignoreUndefined: true
  }
  let client = new MongoClient(uri, clientOptions)
  await client.connect()
  let db: Db = client.db(database)
  // FerretDB 1.x pushes `_id` equality down to PostgreSQL but not `$in`: a `$in` filter fetches and
  // decodes the whole collection (10.5 s for 45 ids among 4 000 golden records, against 1.3 s for
  // the same ids asked one by one). MongoDB proper serves `$in` from its index in one round trip.
  const oneByOne = 'ferretdbVersion' in await db.admin().command({ buildInfo: 1 }, { timeoutMS: timeoutMs })
  const docs = (name: string): Collection<StoredDoc> => db.collection<StoredDoc>(name)
  const cursors = (): Collection<CursorDoc> => db.collection<CursorDoc>('connector_cursors')

  // Safety net (docs/reliability.md, store outage): inside the hub the driver was seen never to
  // reconnect after FerretDB came back, every call failing with the same server-selection error.
  // When calls have failed so for longer than 3 × timeoutMs, a fresh client is opened and swapped in.
  let failingSince: number | undefined
  let reopening: Promise<void> | undefined
  async function reopen (): Promise<void> {
    const fresh = new MongoClient(uri, clientOptions)
    try { await fresh.connect() } catch { await fresh.close().catch(() => {}); return }
    const old = client
    client = fresh
    db = fresh.db(database)
    failingSince = undefined
    await old.close().catch(() => {})
  }
  async function watched<T> (work: () => Promise<T>): Promise<T> {
    try {
      const result = await work()
      failingSince = undefined
      return result
    } catch (err) {
      if ((err as Error).name === 'MongoServerSelectionError') {
        failingSince ??= Date.now()
        if (Date.now() - failingSince > timeoutMs * 3) reopening ??= reopen().finally(() => { reopening = undefined })
      }
      throw err
    }
  }
  const call = async <T>(weight: number, work: () => Promise<T>): Promise<T> => await permits.run(
    weight, async () => await watched(work)
  )

  async function bulkUpsert (name: string, writes: Parameters<Store['bulkUpsert']>[1]): Promise<BulkUpsertResult> {
    assertWritesMoveForward(writes)
    const result: BulkUpsertResult = { applied: [], stale: [] }
    // In chunks: FerretDB 1.24 hangs for good on one bulkWrite carrying more replaces than its
    // PostgreSQL pool has connections (seen with a pool of 5 and 10 replaces). A chunk stays
    // well under FerretDB's default pool of 50 (pool_max_conns), whatever the batch size.
    for (let i = 0; i < writes.length; i += chunkSize) {
      const part = await bulkUpsertChunk(name, writes.slice(i, i + chunkSize))
      result.applied.push(...part.applied)
      result.stale.push(...part.stale)
    }
    return result
  }

  async function bulkUpsertChunk (name: string, writes: Parameters<Store['bulkUpsert']>[1]): Promise<BulkUpsertResult> {
    if (writes.length === 0) return { applied: [], stale: [] }
    const ops: Array<AnyBulkWriteOperation<StoredDoc>> = writes.map(({ doc, expectedVersion }) =>
      expectedVersion === null
        ? { insertOne: { document: encodeNestedArrays(doc) } }
        : {
          replaceOne: {
            filter: { _id: doc._id, version: expectedVersion },
            replacement: encodeNestedArrays(doc),
            upsert: false
          }
        })
    let done: number
    const refusedInserts = new Set<number>()
    try {
      const res = await call(ops.length, async () => await docs(name).bulkWrite(ops, { ordered: false }))
      done = res.insertedCount + res.matchedCount
    } catch (err) {
      // Duplicate-key errors are how an insert learns the document already exists: a stale write.
      const writeErrors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : []
      if (writeErrors.length === 0 || writeErrors.some(e => e.code !== 11000)) {
        throw new StoreWriteError(`bulk write to ${name} failed`, { cause: err, retriable: true })
      }
      for (const e of writeErrors) refusedInserts.add(e.index)
      done = -1
    }
    if (done === writes.length) return { applied: writes.map(w => w.doc._id), stale: [] }
    // The bulk result counts matches but does not say which replace matched: a replace applied iff
    // the stored document is now exactly the one it carried.
    const now = await getMany(name, writes.map(w => w.doc._id))
    const result: BulkUpsertResult = { applied: [], stale: [] }
    writes.forEach(({ doc }, index) => {
      const stored = now.get(doc._id)
      const applied = !refusedInserts.has(index) && stored !== undefined && sameDocument(stored, doc)
      result[applied ? 'applied' : 'stale'].push(doc._id)
    })
    return result
  }

  async function getMany (name: string, ids: string[]): Promise<Map<string, StoredDoc>> {
    const found = new Map<string, StoredDoc>()
    if (ids.length === 0) return found
    if (!oneByOne) {
      for (const doc of await call(1, async () => await docs(name).find({ _id: { $in: ids } }).toArray())) {
        found.set(doc._id, decodeNestedArrays(doc))
      }
      return found
    }
    await eachId(ids, maxInFlight, async id => {
      const doc = await call(1, async () => await docs(name).findOne({ _id: id }))
      if (doc !== null) found.set(doc._id, decodeNestedArrays(doc))
    })
    return found
  }

  const indexed = new Set<string>()
  async function ensureIndex (name: string, fields: string[]): Promise<void> {
    const wanted = fields.filter(f => f !== '_id')
    const key = `${name}:${wanted.join(',')}`
    if (wanted.length === 0 || indexed.has(key)) return
    await call(1, async () => await docs(name).createIndex(Object.fromEntries(wanted.map(f => [f, 1]))))
    indexed.add(key)
  }

  async function find (name: string, { where = {}, orderBy, after, limit }: FindQuery): Promise<StoredDoc[]> {
    for (const f of [...Object.keys(where), orderBy?.field ?? '_id']) assertFieldName(f)
    const field = orderBy?.field ?? '_id'
    const dir = orderBy?.direction === 'desc' ? -1 : 1
    await ensureIndex(name, [...Object.keys(where), field])
    const filter: Record<string, unknown> = { ...where }
    if (after !== undefined) {
      const cmp = dir === 1 ? '$gt' : '$lt'
      filter.$or = field === '_id'
        ? [{ _id: { [cmp]: after.id } }]
        : [{ [field]: { [cmp]: after.value } }, { [field]: after.value, _id: { [cmp]: after.id } }]
    }
    const found = await call(
      1,
      async () => await docs(name).find(filter as Filter<StoredDoc>).sort(
        field === '_id' ? { _id: dir } : { [field]: dir, _id: dir }
      ).limit(Math.min(limit, MAX_FIND_LIMIT)).toArray()
    )
    return found.map(doc => decodeNestedArrays(doc))
  }

  return {
    kind: 'mongodb',
    find,
    async deleteMany (name, ids) {
      if (ids.length === 0) return 0
      if (!oneByOne) return (await call(1, async () => await docs(name).deleteMany({ _id: { $in: ids } }))).deletedCount
      let deleted = 0
      await eachId(ids, maxInFlight, async id => {
        // Awaited first: `deleted += await …` would read `deleted` before the await and lose counts.
        const { deletedCount } = await call(1, async () => await docs(name).deleteOne({ _id: id }))
        deleted += deletedCount
      })
      return deleted
    },
    async get (name, id) {
      const doc = await call(1, async () => await docs(name).findOne({ _id: id }))
      return doc === null ? undefined : decodeNestedArrays(doc)
    },
    getMany,
    bulkUpsert,
    async getCursor (connector, stream) {
      return (await call(1, async () => await cursors().findOne({ _id: `${connector}/${stream}` })))?.cursor
    },
    async saveCursor (connector, stream, cursor) {
      await call(
        1,
        async () => await cursors().replaceOne(
          { _id: `${connector}/${stream}` }, { cursor, updatedAt: new Date() }, { upsert: true }
        )
      )
    },
    // Outside the permits on purpose: readiness asks whether the server answers, not whether
    // this process is busy.
    async ping () {
      await watched(async () => await db.command({ ping: 1 }, { timeoutMS: timeoutMs }))
    },
    async close () {
      await client.close()
    }
  }
}

/** Runs `work` once per distinct id, at most `concurrency` at a time (each holds a pool connection). */
async function eachId (ids: string[], concurrency: number, work: (id: string) => Promise<void>): Promise<void> {
  const queue = [...new Set(ids)]
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) await work(id)
  }))
}

const sameDocument = (a: StoredDoc, b: StoredDoc): boolean => canonicalJson(a) === canonicalJson(b)
