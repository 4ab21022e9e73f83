// Replays every canonical topic from the start, under a consumer group of its own, into a target
// store. "The start" is the beginning of the log; "the end" is the last offset each partition held
// when the replay began (asked of the log, not guessed from a quiet period), so events published
// while it runs are not waited for. `maxMs` bounds the whole run.
import type { Logger } from 'pino'
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import { createSchemaValidator } from '../../schemas/validator.js'
import { sleep } from '../../infra/shared/retry.js'
import { createMergeBatch } from './merge-batch.js'
import { canonicalTopics } from './merger.js'
import type { SurvivorshipRules } from './survivorship.js'
import { HubError } from '../../infra/shared/hub-error.js'

export interface RebuildOptions {
  eventLog: EventLog
  target: Store
  rules: SurvivorshipRules
  logger: Logger
  batchSize: number
  maxAttempts: number
  group: string
  maxMs?: number
  progress?: (p: RebuildProgress) => void
}

export interface RebuildProgress { events: number, rejected: number, versions: number, elapsedMs: number }

export class RebuildError extends HubError {
  constructor (message: string, options?: { cause?: unknown }) {
    super(message, { code: 'LT_ERR_REBUILD', cause: options?.cause })
  }
}

export async function replayInto (options: RebuildOptions): Promise<RebuildProgress> {
  const { eventLog, target, rules, logger, batchSize, maxAttempts, group, maxMs = 3600_000, progress } = options
  const p: RebuildProgress = { events: 0, rejected: 0, versions: 0, elapsedMs: 0 }
  const started = Date.now()
  const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`
  // What must be replayed: every partition up to the offset it held when the replay began.
  const pending = new Map<string, bigint>()
  for (const end of await eventLog.lastOffsets(canonicalTopics())) {
    if (end.lastOffset !== null) pending.set(partitionKey(end.topic, end.partition), BigInt(end.lastOffset))
  }
  let fatal: Error | undefined
  // Events the live merger dead-lettered are rejected here too; they are counted, not published again.
  const merge = createMergeBatch({
    store: target, rules, logger, validate: createSchemaValidator().validator<CanonicalEvent>('canonical-event'),
    deadLetter: async letters => { p.rejected += letters.length }
  })
  const subscription = await eventLog.subscribe({
    group,
    topics: canonicalTopics(),
    fromBeginning: true,
    maxBatchSize: batchSize,
    maxAttempts,
    handler: async messages => {
      const stats = await merge(messages)
      p.events += stats.events
      p.versions += stats.versions
      for (const m of messages) {
        const key = partitionKey(m.topic, m.partition)
        const last = pending.get(key)
        if (last !== undefined && BigInt(m.offset) >= last) pending.delete(key)
      }
    },
    onFatal: err => { fatal = err }
  })
  try {
    while (pending.size > 0) {
      await sleep(100)
      const now = Date.now()
      p.elapsedMs = now - started
      progress?.(p)
      if (fatal !== undefined) {
        throw new RebuildError(`replay stopped after repeated failures: ${fatal.message}`, { cause: fatal })
      }
      if (now - started >= maxMs) {
        throw new RebuildError(`replay not finished after ${maxMs} ms (${pending.size} partitions still behind)`)
      }
    }
  } finally {
    await subscription.stop()
  }
  p.elapsedMs = Date.now() - started
  return p
}
