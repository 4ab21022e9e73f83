// The merger consumer group: the single writer of golden records. It reads every canonical.<entity>
// topic (keyed by entity id, so one record's events arrive in order at one member of the group)
// and folds each batch into the store.
import type { Logger } from 'pino'
import type { EventLog, Subscription } from '../../infra/ports/event-log.js'
import { publishDeadLetters } from '../../infra/event-log/dead-letters.js'
import type { Store } from '../../infra/ports/store.js'
import { canonicalEntities, canonicalTopic, type CanonicalEvent } from '../../schemas/canonical-event.js'
import { createSchemaValidator } from '../../schemas/validator.js'
import { createMergeBatch, type BatchStats, type MergeBatchDeps } from './merge-batch.js'
import type { SurvivorshipRules } from './survivorship.js'

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
}

export async function startMerger (options: MergerOptions): Promise<Subscription> {
  const { eventLog, store, rules, batchSize, maxAttempts, group = MERGER_GROUP, onFatal, onBatch } = options
  const logger = options.logger.child({ consumer: group })
  const merge = createMergeBatch({
    store,
    rules,
    logger,
    validate: createSchemaValidator().validator<CanonicalEvent>('canonical-event'),
    deadLetter: async letters => await publishDeadLetters(eventLog, group, letters),
    onVersions: options.onVersions
  })
  return await eventLog.subscribe({
    group,
    topics: canonicalTopics(),
    handler: async messages => { const stats = await merge(messages); onBatch?.(stats) },
    maxBatchSize: batchSize,
    maxAttempts,
    fromBeginning: true,
    onFatal: err => { logger.error({ err }, 'merger stopped after repeated failures'); onFatal?.(err) }
  })
}
