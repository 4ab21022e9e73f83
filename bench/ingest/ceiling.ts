// The ceiling: the load's exact final contents bulk-inserted into fresh collections of the same store
// (embedded: a new database file beside the run's; MongoDB/FerretDB: a new database on the same
// server), as raw inserts (bulkUpsert of new documents: an unordered bulkWrite of insertOne on
// MongoDB, one INSERT transaction on SQLite), one batch at a time, once per batch size tried. No
// loader can write the same documents faster through the same store, so ceilingSeconds / loadSeconds
// is how close the hub comes to the store's limit. The fastest batch size is the ceiling.
// The documents are read page by page (untimed) and each page is inserted into every trial's store
// (timed), so the bench holds one page, not the city, and its memory stays the hub's.
import { join } from 'node:path'
import type { HubConfig } from '../../infra/config/schema.js'
import { openStore } from '../../infra/open-adapters.js'
import { MAX_FIND_LIMIT, type Store, type StoredDoc } from '../../infra/ports/store.js'
import { loadedCollections, pagesOf } from './read-back.js'
import { round } from './emit.js'

export interface CeilingTrial { batchSize: number, seconds: number, docsPerSec: number }
export interface Ceiling {
  ceilingSeconds: number
  bestBatchSize: number
  documents: number
  bytes: number
  perCollection: Record<string, number>
  trials: CeilingTrial[]
}

/** The same store engine and settings, a fresh place for the copy. */
function freshStoreConfig (config: HubConfig, tag: string): HubConfig {
  return { ...config, dataDir: join(config.dataDir, tag),
    mongodb: { ...config.mongodb, database: `${config.mongodb.database}${tag}` } }
}

async function insertPage (store: Store, collection: Parameters<Store['bulkUpsert']>[0], docs: StoredDoc[],
  batchSize: number): Promise<number> {
  const t0 = performance.now()
  for (let i = 0; i < docs.length; i += batchSize) {
    const { stale } = await store.bulkUpsert(collection,
      docs.slice(i, i + batchSize).map(doc => ({ doc, expectedVersion: null })))
    if (stale.length > 0) throw new Error(`ceiling: ${stale.length} inserts into a fresh ${collection} were refused`)
  }
  return performance.now() - t0
}

export async function measureCeiling (live: Store, config: HubConfig, batchSizes: number[]): Promise<Ceiling> {
  const trials = await Promise.all(batchSizes.map(async batchSize => ({ batchSize, ms: 0,
    store: await openStore(freshStoreConfig(config, `ceil${batchSize}`)) })))
  const perCollection: Record<string, number> = {}
  let documents = 0
  let bytes = 0
  try {
    for (const collection of loadedCollections) {
      perCollection[collection] = 0
      for await (const page of pagesOf(live, collection, Math.min(MAX_FIND_LIMIT, Math.max(...batchSizes)))) {
        perCollection[collection] += page.length
        documents += page.length
        bytes += page.reduce((n, d) => n + JSON.stringify(d).length, 0)
        for (const trial of trials) trial.ms += await insertPage(trial.store, collection, page, trial.batchSize)
      }
    }
  } finally {
    await Promise.all(trials.map(async t => await t.store.close()))
  }
  const done = trials.map(t => ({ batchSize: t.batchSize, seconds: round(t.ms / 1000, 3),
    docsPerSec: Math.round(documents / (t.ms / 1000)) }))
  const best = done.reduce((a, b) => (b.seconds < a.seconds ? b : a))
  return { ceilingSeconds: best.seconds, bestBatchSize: best.batchSize, documents, bytes, perCollection, trials: done }
}
