// Replays every canonical topic from the start, under a consumer group of its own, into a target
// store, then hashes it. The log has no "end" a consumer can ask for through the port, so the
// replay is done when no batch has arrived for `idleMs` (after a first one), or after `startWaitMs`
// of silence on an empty log; `maxMs` bounds the whole run.
import type { Logger } from 'pino'
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import { createSchemaValidator } from '../../schemas/validator.js'
import { sleep } from '../../infra/shared/retry.js'
import { createMergeBatch } from './merge-batch.js'
import { canonicalTopics } from './merger.js'
import type { SurvivorshipRules } from './survivorship.js'

export interface RebuildOptions {
  eventLog: EventLog
  target: Store
  rules: SurvivorshipRules
  logger: Logger
  batchSize: number
  maxAttempts: number
  group: string
  idleMs?: number
  startWaitMs?: number
  maxMs?: number
  progress?: (p: RebuildProgress) => void
}

export interface RebuildProgress { events: number, rejected: number, versions: number, elapsedMs: number }

export class RebuildError extends Error {
  readonly code = 'LT_ERR_REBUILD'
  constructor (message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RebuildError'
  }
}

export async function replayInto (options: RebuildOptions): Promise<RebuildProgress> {
  const { eventLog, target, rules, logger, batchSize, maxAttempts, group, idleMs = 3000, startWaitMs = 30000, maxMs = 3600_000, progress } = options
  const p: RebuildProgress = { events: 0, rejected: 0, versions: 0, elapsedMs: 0 }
  const started = Date.now()
  let lastBatchAt = 0
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
      lastBatchAt = Date.now()
    },
    onFatal: err => { fatal = err }
  })
  try {
    for (;;) {
      await sleep(100)
      const now = Date.now()
      p.elapsedMs = now - started
      progress?.(p)
      if (fatal !== undefined) throw new RebuildError(`replay stopped after repeated failures: ${fatal.message}`, { cause: fatal })
      if (lastBatchAt > 0 && now - lastBatchAt >= idleMs) break
      if (lastBatchAt === 0 && now - started >= startWaitMs) break
      if (now - started >= maxMs) throw new RebuildError(`replay still receiving events after ${maxMs} ms; is something still publishing?`)
    }
  } finally {
    await subscription.stop()
  }
  p.elapsedMs = Date.now() - started
  return p
}
