// One batch of canonical events into the store: read every key the batch touches at once, merge
// in memory, then write history, conflicts and golden records with one bulk call per collection.
// History entries are the events themselves (insert-only: one already there came from an earlier
// attempt at this same batch and is simply found again). Golden records are a materialized view
// (materializer.ts): written once per batch for each key it touched, last, as the arbiter (if one
// was moved by another writer the batch throws and is delivered again), or, while the merger
// catches up, held back and written once later, the store saying meanwhile that they are behind.
import type { Logger } from 'pino'
import type { ValidateFunction } from 'ajv'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import type { DeadLetter } from '../../infra/event-log/dead-letters.js'
import type { CollectionName, Store, VersionedWrite } from '../../infra/ports/store.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import { goldenCollection, isGoldenRecord, type AppliedVersion, type StoredView } from '../../records/golden-record.js'
import { writeMerged } from '../../records/writer.js'
import { createMaterializer, type Materializer } from './materializer.js'
import { markMaterializationBehind, markMaterializationCaughtUp } from '../../records/materialization.js'
import type { MergeEvent } from './fold.js'
import { mergeKey } from './merge-key.js'
import { conflictIds, conflictWrites, type KeyedSteps } from './conflict-docs.js'
import { readCanonicalEvent } from './read-event.js'
import { timeSlicer } from '../../infra/shared/event-loop.js'
import type { SurvivorshipRules } from './survivorship.js'
import { HubError } from '../../infra/shared/hub-error.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import { deathSignalWrites, touchesDeathSignal } from '../../records/signals/death-ends-benefit.js'

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
  onVersions?: (applied: Array<{ before: StoredView | undefined, versions: AppliedVersion[] }>) => Promise<void>
  /** Holds golden records between batches; one per merger, so what one batch holds back the next one sees. */
  materializer?: Materializer
  /**
   * Asked once per batch: may its golden records be held back (the merger is catching up)? When
   * it answers false, every record held back is written at the end of the batch. Default: never.
   */
  defer?: (messages: ConsumedMessage[]) => Promise<boolean> | boolean
}

export interface BatchStats {
  /** `records`: golden records written by this batch (held-back ones included when it wrote them). */
  events: number, rejected: number, records: number, versions: number, conflicts: number
  /** Golden records held back, not yet written, after this batch. */
  held: number
  /** Conflict writes that opened (or reopened) a conflict, and that resolved one. */
  conflictsOpened: number, conflictsResolved: number
}

export type MergeBatch = (messages: ConsumedMessage[]) => Promise<BatchStats>

export function createMergeBatch (
  {
    store,
    rules,
    validate,
    logger,
    deadLetter,
    now = () => new Date(),
    onVersions,
    materializer = createMaterializer(store),
    defer
  }: MergeBatchDeps
): MergeBatch {
  let behind = false
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
      [collection, await materializer.current(collection, [...keys.keys()])] as const)))
    const staging = materializer.staging()
    const history: VersionedWrite[] = []
    const steps: KeyedSteps[] = []
    const applied: Array<{ before: StoredView | undefined, versions: AppliedVersion[] }> = []
    // Keys a cross-record signal looks at once the batch is stored (records/signals/).
    const signalKeys: Array<{ entity: CanonicalEntity, entityId: string }> = []
    for (const [collection, keys] of byKey) {
      for (const [entityId, events] of keys) {
        await slice()
        const stored = current.get(collection)?.get(entityId)
        const outcome = mergeKey(events[0].entity, entityId, stored, events, rules, appliedAt)
        // Also when nothing changed: a batch delivered again after a failed signal write redoes it.
        if (touchesDeathSignal(events[0].entity, [outcome?.doc, stored])) {
          signalKeys.push({ entity: events[0].entity, entityId })
        }
        if (outcome === undefined) continue
        staging.stage(collection, outcome.doc, stored?.version ?? null)
        history.push(...outcome.history.map(doc => ({ doc, expectedVersion: null })))
        const previous = isGoldenRecord(stored) ? stored : undefined
        if (onVersions !== undefined) applied.push({ before: previous, versions: outcome.versions })
        if (outcome.conflictSteps.length > 0) {
          steps.push({ entity: events[0].entity, entityId, steps: outcome.conflictSteps })
        }
      }
    }

    const holdBack = (await defer?.(messages)) ?? false
    // Said durably before any record is held back: a merger that dies holding some knows where to start.
    if (holdBack && !behind && history.length > 0) { await markMaterializationBehind(store, appliedAt); behind = true }
    // The change feed before any write: a batch that fails after it is merged and published again.
    if (applied.length > 0) await onVersions?.(applied)
    const before = await store.getMany('conflicts', conflictIds(steps))
    const conflicts = conflictWrites(steps, before)
    let records = 0
    if (holdBack || materializer.held() > 0) {
      // Held back (or writing what was): this batch's records join the others once history is stored.
      const stale = await writeMerged(store, { history, conflicts, golden: new Map() })
      if (stale !== undefined) throw new StaleGoldenWriteError(stale.collection, stale.ids)
      materializer.commit(staging)
      if (!holdBack) {
        const flushed = await materializer.flush()
        records = flushed.written
        if (flushed.stale !== undefined) throw new StaleGoldenWriteError(flushed.stale.collection, flushed.stale.ids)
      }
    } else {
      const golden = staging.writes()
      const stale = await writeMerged(store, { history, conflicts, golden })
      if (stale !== undefined) throw new StaleGoldenWriteError(stale.collection, stale.ids)
      records = [...golden.values()].reduce((n, w) => n + w.length, 0)
    }
    if (behind && materializer.held() === 0) { await markMaterializationCaughtUp(store); behind = false }
    // After the writes: whichever side (death or benefit) arrived first, this read sees it.
    const signals = await deathSignalWrites(
      { store, current: materializer.current, heldNaming: materializer.heldNaming }, signalKeys
    )
    if (signals.length > 0) {
      const result = await store.bulkUpsert('conflicts', signals)
      if (result.stale.length > 0) throw new StaleGoldenWriteError('conflicts', result.stale)
    }
    await deadLetter(dead)
    if (dead.length > 0) {
      logger.warn(
        { count: dead.length, codes: [...new Set(dead.map(d => d.code))] }, 'canonical events sent to dead letters'
      )
    }
    const stats: BatchStats = {
      events: messages.length,
      rejected: dead.length,
      records,
      held: materializer.held(),
      versions: history.length,
      conflicts: conflicts.length + signals.length,
      conflictsOpened: conflicts.filter(
        w => w.doc.status === 'open' && before.get(w.doc._id)?.status !== 'open'
      ).length +
        signals.filter(w => w.doc.status === 'open' && w.expectedVersion === null).length,
      conflictsResolved: [...conflicts, ...signals].filter(w => w.doc.status === 'resolved').length
    }
    logger.debug(stats, 'merge batch applied')
    return stats
  }
}
