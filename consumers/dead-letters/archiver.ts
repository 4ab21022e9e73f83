// The dead-letter archiver consumer group: copies every dlq.* topic's messages into the store's
// 'dead_letters' collection, so the API can list and replay them. Idempotent: a document's id is
// its rejection's identity (letter-identity.ts), so the same rejected event archived twice, from a
// redelivered batch or from a source that sent it again, is one letter; an existing document is
// never overwritten (its replay state survives), except that a replayed letter rejected again is
// reopened.
import type { Logger } from 'pino'
import type { ConsumedMessage, EventLog, Subscription } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { toDeadLetterDoc, type DeadLetterDoc } from '../../infra/event-log/dead-letter-doc.js'
import { deadLetterIdentity } from './letter-identity.js'
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
  /** Called after each batch with how many messages it held and how many letters it wrote. */
  onBatch?: (stats: { messages: number, archived: number, reopened: number }) => void
}

export async function startDeadLetterArchiver (
  { eventLog, store, topics, refreshMs, batchSize, maxAttempts, onFatal, onBatch, ...rest }: ArchiverOptions
): Promise<Subscription> {
  const logger = rest.logger.child({ consumer: DEAD_LETTER_ARCHIVER_GROUP })

  async function handle (batch: ConsumedMessage[]): Promise<void> {
    // The first message of a batch with a given identity is the letter; later ones repeat it.
    const docs = new Map<string, DeadLetterDoc>()
    for (const m of batch) {
      const id = deadLetterIdentity(m)
      if (!docs.has(id)) docs.set(id, { ...toDeadLetterDoc(m), _id: id })
    }
    const existing = await store.getMany('dead_letters', [...docs.keys()])
    const fresh = [...docs.values()].filter(d => !existing.has(d._id)).map(doc => ({ doc, expectedVersion: null }))
    const reopen = [...existing.values()].filter(d => d.state === 'replayed')
      .map(d => ({ doc: { ...d, version: d.version + 1, state: 'open' }, expectedVersion: d.version }))
    // A stale write means another member archived (or reopened) it first: nothing is lost.
    if (fresh.length + reopen.length > 0) await store.bulkUpsert('dead_letters', [...fresh, ...reopen])
    logger.debug({ archived: fresh.length, reopened: reopen.length }, 'dead letters archived')
    onBatch?.({ messages: batch.length, archived: fresh.length, reopened: reopen.length })
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
