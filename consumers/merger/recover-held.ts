// A merger that died holding golden records back (materializer.ts) left history ahead of them.
// At start, before it consumes, the merger folds that history into the records again: every
// record with a history entry written since the store said it fell behind, from its golden version
// on, with its conflicts, exactly as the batches would have. Then the store says it is caught up.
import type { Logger } from 'pino'
import type { CollectionName, Store, VersionedWrite } from '../../infra/ports/store.js'
import { goldenCollection, historyId, type HistoryDoc } from '../../records/golden-record.js'
import { materializationBehindSince, markMaterializationCaughtUp } from '../../records/materialization.js'
import { writeMerged } from '../../records/writer.js'
import { mergeEventOf } from '../../records/merge/history-fold.js'
import { mergeKey } from './merge-key.js'
import { conflictIds, conflictWrites, type KeyedSteps } from './conflict-docs.js'
import type { SurvivorshipRules } from './survivorship.js'
import { StaleGoldenWriteError } from './merge-batch.js'

/** Wall clocks move: history written up to this long before the mark is looked at too. */
const CLOCK_MARGIN_MS = 3600_000
const PAGE = 2000

export async function recoverHeldRecords (
  store: Store, rules: SurvivorshipRules, logger: Logger, now = () => new Date()
): Promise<number> {
  const since = await materializationBehindSince(store)
  if (since === undefined) return 0
  const from = new Date(Date.parse(since) - CLOCK_MARGIN_MS).toISOString()
  const keys = new Map<string, Pick<HistoryDoc, 'entity' | 'entityId'>>()
  let after = { value: from, id: '' }
  for (;;) {
    const page = await store.find('history', { orderBy: { field: 'appliedAt' }, after, limit: PAGE }) as HistoryDoc[]
    for (const e of page) keys.set(e.recordKey, { entity: e.entity, entityId: e.entityId })
    if (page.length < PAGE) break
    after = { value: page[page.length - 1].appliedAt, id: page[page.length - 1]._id }
  }
  let recovered = 0
  const appliedAt = now().toISOString()
  const all = [...keys.values()]
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500)
    const golden = new Map<CollectionName, VersionedWrite[]>()
    const steps: KeyedSteps[] = []
    for (const { entity, entityId } of chunk) {
      const collection = goldenCollection[entity]
      const stored = await store.get(collection, entityId)
      const version = stored?.version ?? 0
      const entries = await store.find('history', {
        where: { recordKey: `${entity}:${entityId}` }, orderBy: { field: '_id' },
        after: { value: historyId(entity, entityId, version), id: historyId(entity, entityId, version) }, limit: 5000
      }) as HistoryDoc[]
      const events = entries.filter(e => e.event !== undefined).map(
        e => mergeEventOf(e, e.event as NonNullable<HistoryDoc['event']>)
      )
      const outcome = mergeKey(entity, entityId, stored, events, rules, appliedAt)
      if (outcome === undefined) continue
      golden.set(
        collection, [...(golden.get(collection) ?? []), { doc: outcome.doc, expectedVersion: stored?.version ?? null }]
      )
      if (outcome.conflictSteps.length > 0) steps.push({ entity, entityId, steps: outcome.conflictSteps })
      recovered++
    }
    const conflicts = conflictWrites(steps, await store.getMany('conflicts', conflictIds(steps)))
    const stale = await writeMerged(store, { history: [], conflicts, golden })
    if (stale !== undefined) throw new StaleGoldenWriteError(stale.collection, stale.ids)
  }
  await markMaterializationCaughtUp(store)
  logger.info(
    { records: recovered, since }, 'golden records held back by a merger that stopped were written from history'
  )
  return recovered
}
