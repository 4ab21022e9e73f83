// One batch of canonical events into the store: read every key the batch touches at once, merge
// in memory, then write history, conflicts and golden records with one bulk call per collection.
// Golden records go last and are the arbiter: if one of them was moved by another writer, the
// batch throws and is delivered again. Redelivery is harmless: history snapshots are a pure
// function of the record and the events, so a snapshot already written is simply found again.
import type { Logger } from 'pino'
import type { ValidateFunction } from 'ajv'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import type { DeadLetter } from '../../infra/event-log/dead-letters.js'
import type { CollectionName, Store, VersionedWrite } from '../../infra/ports/store.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import { goldenCollection, isGoldenRecord, type HistoryDoc, type StoredView } from '../../records/golden-record.js'
import { writeMerged } from '../../records/writer.js'
import type { MergeEvent } from './fold.js'
import { mergeKey } from './merge-key.js'
import { conflictIds, conflictWrites, type KeyedSteps } from './conflict-docs.js'
import { readCanonicalEvent } from './read-event.js'
import { timeSlicer } from '../../infra/shared/event-loop.js'
import type { SurvivorshipRules } from './survivorship.js'
import { HubError } from '../../infra/shared/hub-error.js'

export class StaleGoldenWriteError extends HubError {
  constructor (collection: string, ids: string[]) {
    super(`another writer moved ${ids.length} ${collection} record(s) during the batch; it will be delivered again`,
      { code: 'LT_ERR_STALE_WRITE', status: 409, retriable: true })
  }
}

export interface MergeBatchDeps {
  store: Store
  rules: SurvivorshipRules
  validate: ValidateFunction<CanonicalEvent>
  logger: Logger
  /** Where rejected events go; resolves before the batch may commit. */
  deadLetter: (letters: DeadLetter[]) => Promise<void>
  now?: () => Date
  /**
   * Told each record's state before the batch and its new versions once history is stored and
   * before the golden records are: a failure fails the batch, which is then delivered again, so
   * what it publishes (the change feed) is at least once.
   */
  onVersions?: (applied: Array<{ before: StoredView | undefined, versions: HistoryDoc[] }>) => Promise<void>
}

export interface BatchStats {
  events: number, rejected: number, records: number, versions: number, conflicts: number
  /** Conflict writes that opened (or reopened) a conflict, and that resolved one. */
  conflictsOpened: number, conflictsResolved: number
}

export type MergeBatch = (messages: ConsumedMessage[]) => Promise<BatchStats>

export function createMergeBatch (
  { store, rules, validate, logger, deadLetter, now = () => new Date(), onVersions }: MergeBatchDeps
): MergeBatch {
  return async function mergeBatch (messages) {
    const dead: DeadLetter[] = []
    // Between records: a large batch does not hold the event loop (health checks, SIGTERM).
    const slice = timeSlicer()
    // collection -> id -> events in log order
    const byKey = new Map<CollectionName, Map<string, MergeEvent[]>>()
    for (const message of messages) {
      await slice()
      const read = readCanonicalEvent(message, validate)
      if (!read.ok) { dead.push({ message, code: read.code, reason: read.reason }); continue }
      const collection = goldenCollection[read.event.entity]
      const keys = byKey.get(collection) ?? new Map<string, MergeEvent[]>()
      byKey.set(collection, keys)
      keys.set(read.event.entityId, [...(keys.get(read.event.entityId) ?? []), read.event])
    }

    const appliedAt = now().toISOString()
    const current = new Map(await Promise.all([...byKey].map(async ([collection, keys]) =>
      [collection, await store.getMany(collection, [...keys.keys()])] as const)))
    const golden = new Map<CollectionName, VersionedWrite[]>()
    const history: VersionedWrite[] = []
    const steps: KeyedSteps[] = []
    const applied: Array<{ before: StoredView | undefined, versions: HistoryDoc[] }> = []
    for (const [collection, keys] of byKey) {
      const writes: VersionedWrite[] = []
      for (const [entityId, events] of keys) {
        await slice()
        const stored = current.get(collection)?.get(entityId)
        const outcome = mergeKey(events[0].entity, entityId, stored, events, rules, appliedAt)
        if (outcome === undefined) continue
        writes.push({ doc: outcome.doc, expectedVersion: stored?.version ?? null })
        history.push(...outcome.history.map(doc => ({ doc, expectedVersion: null })))
        const previous = isGoldenRecord(stored) ? stored : undefined
        if (onVersions !== undefined) applied.push({ before: previous, versions: outcome.history })
        if (outcome.conflictSteps.length > 0) steps.push({ entity: events[0].entity, entityId, steps: outcome.conflictSteps })
      }
      if (writes.length > 0) golden.set(collection, writes)
    }

    // The change feed before any write: a batch that fails after it is merged and published again.
    if (applied.length > 0) await onVersions?.(applied)
    const before = await store.getMany('conflicts', conflictIds(steps))
    const conflicts = conflictWrites(steps, before)
    const stale = await writeMerged(store, { history, conflicts, golden })
    if (stale !== undefined) throw new StaleGoldenWriteError(stale.collection, stale.ids)
    await deadLetter(dead)
    if (dead.length > 0) logger.warn({ count: dead.length, codes: [...new Set(dead.map(d => d.code))] }, 'canonical events sent to dead letters')
    const stats: BatchStats = {
      events: messages.length,
      rejected: dead.length,
      records: [...golden.values()].reduce((n, w) => n + w.length, 0),
      versions: history.length,
      conflicts: conflicts.length,
      conflictsOpened: conflicts.filter(w => w.doc.status === 'open' && before.get(w.doc._id)?.status !== 'open').length,
      conflictsResolved: conflicts.filter(w => w.doc.status === 'resolved').length
    }
    logger.debug(stats, 'merge batch applied')
    return stats
  }
}
