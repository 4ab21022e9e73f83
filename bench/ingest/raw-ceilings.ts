// The store's and the event log's raw rates, kept from the earlier bench for reference: versioned
// bulk upserts of golden-sized documents, and publishing then consuming raw-sized messages.
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import { until } from './emit.js'

export interface RawCeilings {
  storeBulkUpsertDocsPerSec: number
  logPublishPerSec: number
  logConsumePerSec: number
  storeDocsWritten: number
  logMessages: number
  batchSize: number
}

export async function measureRawCeilings (eventLog: EventLog, store: Store, sampleGolden: StoredDoc, sampleRaw: string,
  count: number, batch = 500): Promise<RawCeilings> {
  const docs = Math.max(2000, Math.min(count, 20000))
  let t0 = performance.now()
  for (let i = 0; i < docs; i += batch) {
    const writes = Array.from({ length: Math.min(batch, docs - i) },
      (_v, j) => ({ doc: { ...sampleGolden, _id: `ceiling-${i + j}`, version: 1 }, expectedVersion: null }))
    await store.bulkUpsert('persons', writes)
  }
  const storeBulkUpsertDocsPerSec = Math.round(docs / ((performance.now() - t0) / 1000))
  const topic = `bench.ceiling.${Date.now()}`
  t0 = performance.now()
  for (let i = 0; i < count; i += batch) {
    await eventLog.publish(topic,
      Array.from({ length: Math.min(batch, count - i) }, (_v, j) => ({ key: String((i + j) % 997), value: sampleRaw })))
  }
  const logPublishPerSec = Math.round(count / ((performance.now() - t0) / 1000))
  // Timed from the first message delivered, so a Kafka group join does not count as consuming.
  let consumed = 0
  let first = 0
  const sub = await eventLog.subscribe({ group: `${topic}.reader`, topics: [topic], maxBatchSize: batch,
    handler: async b => { first ||= performance.now(); consumed += b.length } })
  await until(() => consumed >= count, 600000, 'the log ceiling consumer')
  const logConsumePerSec = Math.round(count / ((performance.now() - first) / 1000))
  await sub.stop()
  return { storeBulkUpsertDocsPerSec, logPublishPerSec, logConsumePerSec, storeDocsWritten: docs, logMessages: count,
    batchSize: batch }
}
