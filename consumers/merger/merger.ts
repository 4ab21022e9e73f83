// The merger consumer group: the single writer of golden records. It reads every canonical.<entity>
// topic (keyed by entity id, so one record's events arrive in order at one member of the group)
// and folds each batch into the store. While it catches up it may hold golden records back and
// write each once later (catching-up.ts); at start it first writes any a stopped merger held back.
import type { Logger } from 'pino'
import type { EventLog, Subscription } from '../../infra/ports/event-log.js'
import { publishDeadLetters } from '../../infra/event-log/dead-letters.js'
import type { Store } from '../../infra/ports/store.js'
import { canonicalEntities, canonicalTopic, type CanonicalEvent } from '../../schemas/canonical-event.js'
import { createSchemaValidator } from '../../schemas/validator.js'
import { createMergeBatch, type BatchStats, type MergeBatchDeps } from './merge-batch.js'
import type { SurvivorshipRules } from './survivorship.js'
import { createMaterializer } from './materializer.js'
import { catchingUp, defaultCatchingUp, type CatchingUpOptions } from './catching-up.js'
import { recoverHeldRecords } from './recover-held.js'
import { markMaterializationCaughtUp } from '../../records/materialization.js'

export const MERGER_GROUP = 'merger'
export const canonicalTopics = (): string[] => canonicalEntities.map(canonicalTopic)

export interface MergerOptions {
  eventLog: EventLog
  store: Store
  logger: Logger
  rules: SurvivorshipRules
  batchSize: number
  maxAttempts: number
  /** Another group name replays the log independently (lienthong rebuild). */
  group?: string
  onFatal?: (err: Error) => void
  onBatch?: (stats: BatchStats) => void
  /** Publishes a record's new versions (the change feed, consumers/notifier); called before golden writes. */
  onVersions?: MergeBatchDeps['onVersions']
  /**
   * When golden records may be held back while catching up; `{ aboveLag: 0 }` writes every batch's.
   * Default: on the embedded log, above 2000 messages behind; on Kafka, never (see the call).
   */
  catchingUp?: Partial<CatchingUpOptions>
}

export async function startMerger (options: MergerOptions): Promise<Subscription> {
  const { eventLog, store, rules, batchSize, maxAttempts, group = MERGER_GROUP, onFatal, onBatch } = options
  const logger = options.logger.child({ consumer: group })
  await recoverHeldRecords(store, rules, logger)
  const materializer = createMaterializer(store)
  const merge = createMergeBatch({
    materializer,
    // Held records are this process's alone: on Kafka another member that takes over a partition
    // would merge onto the stored (older) record, so holding back is for the embedded log (one
    // process) unless a caller that runs one merger asks for it.
    defer: catchingUp(eventLog, materializer.held, {
      ...defaultCatchingUp, ...(eventLog.kind === 'embedded' ? {} : { aboveLag: 0 }), ...options.catchingUp
    }),
    store,
    rules,
    logger,
    validate: createSchemaValidator().validator<CanonicalEvent>('canonical-event'),
    deadLetter: async letters => await publishDeadLetters(eventLog, group, letters),
    onVersions: options.onVersions
  })
  const subscription = await eventLog.subscribe({
    group,
    topics: canonicalTopics(),
    handler: async messages => { const stats = await merge(messages); onBatch?.(stats) },
    maxBatchSize: batchSize,
    maxAttempts,
    fromBeginning: true,
    onFatal: err => { logger.error({ err }, 'merger stopped after repeated failures'); onFatal?.(err) }
  })
  return {
    state: subscription.state,
    // Once no batch runs any more, what is held back is written: a clean stop leaves nothing behind.
    stop: async () => {
      await subscription.stop()
      if (materializer.held() === 0) return
      const { written, stale } = await materializer.flush()
      if (stale === undefined) await markMaterializationCaughtUp(store)
      logger.info({ written, stale: stale?.ids.length ?? 0 }, 'golden records held back were written at stop')
    }
  }
}
