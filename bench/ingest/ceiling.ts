// The ceiling: the load's exact final contents bulk-inserted into fresh collections of the same store
// (embedded: a new database file beside the run's; MongoDB/FerretDB: a new database on the same
// server), as raw inserts (bulkUpsert of new documents: an unordered insertMany on MongoDB, one
// INSERT transaction on SQLite), one batch at a time, at each batch size tried. No loader can write
// the same documents faster through the same store, so ceilingSeconds / loadSeconds is how close
// the hub comes to the store's limit. The fastest batch size is the ceiling.
import { join } from 'node:path'
import type { HubConfig } from '../../infra/config/schema.js'
import { openStore } from '../../infra/open-adapters.js'
import type { LoadedContents } from './read-back.js'
import { documentCount } from './read-back.js'
import { round } from './emit.js'

export interface CeilingTrial { batchSize: number, seconds: number, docsPerSec: number }
export interface Ceiling { ceilingSeconds: number, bestBatchSize: number, documents: number, trials: CeilingTrial[] }

/** The same store engine and settings, a fresh place for the copy. */
function freshStoreConfig (config: HubConfig, tag: string): HubConfig {
  return { ...config, dataDir: join(config.dataDir, tag), mongodb: { ...config.mongodb, database: `${config.mongodb.database}${tag}` } }
}

async function insertAll (config: HubConfig, contents: LoadedContents[], batchSize: number): Promise<number> {
  const store = await openStore(freshStoreConfig(config, `ceil${batchSize}`))
  try {
    const t0 = performance.now()
    for (const { collection, docs } of contents) {
      for (let i = 0; i < docs.length; i += batchSize) {
        const writes = docs.slice(i, i + batchSize).map(doc => ({ doc, expectedVersion: null }))
        const { stale } = await store.bulkUpsert(collection, writes)
        if (stale.length > 0) throw new Error(`ceiling: ${stale.length} inserts into a fresh ${collection} were refused`)
      }
    }
    return (performance.now() - t0) / 1000
  } finally {
    await store.close()
  }
}

export async function measureCeiling (config: HubConfig, contents: LoadedContents[], batchSizes: number[]): Promise<Ceiling> {
  const documents = documentCount(contents)
  const trials: CeilingTrial[] = []
  for (const batchSize of batchSizes) {
    const seconds = await insertAll(config, contents, batchSize)
    trials.push({ batchSize, seconds: round(seconds, 3), docsPerSec: Math.round(documents / seconds) })
  }
  const best = trials.reduce((a, b) => (b.seconds < a.seconds ? b : a))
  return { ceilingSeconds: best.seconds, bestBatchSize: best.batchSize, documents, trials }
}
