// The dead-letter archiver consumer group: copies every dlq.* topic's messages into the store's
// 'dead_letters' collection, so the API can list and replay them. Idempotent: a document's id is
// its dead-letter topic position, and an existing document is never overwritten (its replay state
// survives a redelivered batch).
import type { Logger } from 'pino'
import type { ConsumedMessage, EventLog, Subscription } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { toDeadLetterDoc } from '../../connectors/registry/dead-letter-doc.js'
import { followTopics } from '../follow-topics.js'

export const DEAD_LETTER_ARCHIVER_GROUP = 'dead-letter-archiver'

export interface ArchiverOptions {
  eventLog: EventLog
  store: Store
  logger: Logger
  /** The dlq.* topics to read; re-read every refreshMs as connectors come and go. */
  topics: () => Promise<string[]>
  refreshMs: number
  batchSize: number
  maxAttempts: number
  onFatal?: (err: Error) => void
}

export async function startDeadLetterArchiver ({ eventLog, store, topics, refreshMs, batchSize, maxAttempts, onFatal, ...rest }: ArchiverOptions): Promise<Subscription> {
  const logger = rest.logger.child({ consumer: DEAD_LETTER_ARCHIVER_GROUP })

  async function handle (batch: ConsumedMessage[]): Promise<void> {
    const docs = new Map(batch.map(m => { const d = toDeadLetterDoc(m); return [d._id, d] }))
    const existing = await store.getMany('dead_letters', [...docs.keys()])
    const writes = [...docs.values()].filter(d => !existing.has(d._id)).map(doc => ({ doc, expectedVersion: null }))
    // A stale write means another member archived it first: the same document, so nothing is lost.
    if (writes.length > 0) await store.bulkUpsert('dead_letters', writes)
    logger.debug({ archived: writes.length }, 'dead letters archived')
  }

  return await followTopics({
    topics,
    intervalMs: refreshMs,
    logger,
    subscribe: async list => await eventLog.subscribe({
      group: DEAD_LETTER_ARCHIVER_GROUP,
      topics: list,
      handler: handle,
      maxBatchSize: batchSize,
      maxAttempts,
      onFatal: err => { logger.error({ err }, 'dead-letter archiver stopped after repeated failures'); onFatal?.(err) }
    })
  })
}
