// The store's keyed calls (get, getMany, versioned replace, cursor upsert) filter on `_id`. On the
// FerretDB that infra/engines builds, that filter must be served by the `_id` index: stock FerretDB
// 1.24 turned it into `_jsonb->'_id' @> …`, which the index cannot serve, so every keyed call scanned
// its collection and a load slowed down as the store grew (docs/reliability.md, 5,000 citizens).
// infra/engines/ferretdb-id-equality.patch fixes that; this asks FerretDB's explain, which shows
// PostgreSQL's plan. MongoDB proper always serves `_id` from its index: nothing to check there.
import t from 'tap'
import { MongoClient } from 'mongodb'
import { hint, mongoUri, testDatabase } from './engines.js'

t.test('a filter on _id is an index scan, not a table scan', async t => {
  const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 5000 })
  try { await client.connect() } catch (err) {
    throw new Error(`MongoDB at ${mongoUri} does not answer (${(err as Error).message}); ${hint}`) }
  t.teardown(async () => { await client.close() })
  const db = client.db(testDatabase())
  const info = await db.admin().command({ buildInfo: 1 })
  if (!('ferretdbVersion' in info)) { t.pass('not FerretDB: MongoDB serves _id from its index'); return }
  await db.collection<{ _id: string, version: number }>('records')
    .insertMany(Array.from({ length: 200 }, (_v, i) => ({ _id: `r${i}`, version: 1 })))
  // Statistics, so PostgreSQL plans as it would on a filled collection.
  await db.command({ analyze: 'records' }).catch(() => {})
  for (const filter of [{ _id: 'r17' }, { _id: 'r17', version: 1 }]) {
    const plan = (await db.command({ explain: { find: 'records', filter } })) as {
      queryPlanner?: { Plan?: Record<string, unknown> } }
    const node = JSON.stringify(plan.queryPlanner?.Plan ?? {})
    t.match(node, /"Node Type":"Index Scan"/, `${JSON.stringify(filter)} is served by an index (${node.slice(0, 200)})`)
    t.notMatch(node, /Seq Scan/, `${JSON.stringify(filter)} scans no table`)
  }
})
