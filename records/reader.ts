// Reads of golden records by use: the current record, the version the hub knew at a given time
// (from history), the records linked to a person. Readers get views with provenance expanded and
// never the stored form, so a change in how the merger stores a record stays in this room.
import type { Store, StoredDoc } from '../infra/ports/store.js'
import type { CanonicalEntity } from '../schemas/canonical-event.js'
import {
  goldenCollection,
  historyId,
  isGoldenRecord,
  personLinkSlots,
  personSlot,
  recordKey,
  type HistoryDoc,
  type RecordView,
  type StoredView
} from './golden-record.js'
import { decodeProvenance } from './provenance-codec.js'
import { foldHistory, foldOnto, foldStart } from './merge/history-fold.js'
import { materializationBehindSince } from './materialization.js'
import { decodeState } from './state-codec.js'
import { loadSurvivorship, type SurvivorshipRules } from './merge/survivorship.js'

/** Sorts after every history `_id`, so a keyset bound on validFrom includes equal times. */
const AFTER_EVERY_ID = '\uffff'

export function viewOf (doc: StoredDoc): RecordView | undefined {
  if (!isGoldenRecord(doc)) return undefined
  return expandView(doc)
}

/** A stored view (golden record or history snapshot) as readers see it: provenance expanded. */
function expandView (
  { entity, entityId, version, deleted, fields, provenance, conflicts, sources, links, validFrom, warnings }: StoredView
): RecordView {
  return {
    entity,
    entityId,
    version,
    deleted,
    fields,
    provenance: decodeProvenance(provenance),
    conflicts,
    sources,
    links,
    validFrom,
    ...(warnings !== undefined ? { warnings } : {})
  }
}

export async function readCurrent (store: Store, entity: CanonicalEntity, id: string): Promise<RecordView | undefined> {
  const doc = await store.get(goldenCollection[entity], id)
  if (await behind(store)) return await caughtUp(store, entity, id, doc)
  return doc === undefined ? undefined : viewOf(doc)
}

/** How long a reader trusts what it last heard of the golden records being behind (materialization.ts). */
const BEHIND_TTL_MS = 1000
const behindKnown = new WeakMap<Store, { behind: boolean, at: number }>()

async function behind (store: Store): Promise<boolean> {
  const known = behindKnown.get(store)
  if (known !== undefined && Date.now() - known.at < BEHIND_TTL_MS) return known.behind
  const now = { behind: await materializationBehindSince(store) !== undefined, at: Date.now() }
  behindKnown.set(store, now)
  return now.behind
}

/**
 * While the merger holds golden records back (catching up), a stored record may be behind its
 * history: the versions after it are folded on, so a read answers what the hub holds, not what
 * it has written so far.
 */
async function caughtUp (
  store: Store, entity: CanonicalEntity, id: string, doc: StoredDoc | undefined
): Promise<RecordView | undefined> {
  const golden = isGoldenRecord(doc) ? doc : undefined
  const from = golden?.version ?? 0
  const newer = await store.find('history', {
    where: { recordKey: recordKey(entity, id) }, orderBy: { field: '_id' },
    after: { value: historyId(entity, id, from), id: historyId(entity, id, from) }, limit: 5000
  }) as HistoryDoc[]
  if (newer.length === 0) return doc === undefined ? undefined : viewOf(doc)
  const view = foldOnto(golden !== undefined ? decodeState(golden.state) : {}, newer, rulesOr())
  return view === undefined ? undefined : expandView(view)
}

/** History entries read per page while walking back to where a fold can start. */
const HISTORY_PAGE = 64

let defaultRules: SurvivorshipRules | undefined
/** The hub's survivorship rules, read once: asOf derives a past view with them, as the merger did. */
const rulesOr = (rules?: SurvivorshipRules): SurvivorshipRules => rules ?? (defaultRules ??= loadSurvivorship())

/**
 * The newest version whose validFrom is at or before `at` (ISO), from history: its entries back to
 * the nearest that holds the merge state (or a view, or version 1), folded forward.
 */
export async function readAsOf (
  store: Store, entity: CanonicalEntity, id: string, at: string, rules?: SurvivorshipRules
): Promise<RecordView | undefined> {
  const newestFirst: HistoryDoc[] = []
  let after = { value: at, id: AFTER_EVERY_ID }
  for (;;) {
    const page = await store.find('history', {
      where: { recordKey: recordKey(entity, id) }, orderBy: {
        field: 'validFrom',
        direction: 'desc'
      }, after, limit: HISTORY_PAGE
    }) as HistoryDoc[]
    newestFirst.push(...page)
    const last = page.at(-1)
    if (last === undefined || isFoldStart(last) || page.length < HISTORY_PAGE) break
    after = { value: last.validFrom, id: last._id }
  }
  if (newestFirst.length === 0) return undefined
  const entries = newestFirst.reverse()
  const views = foldHistory(entries.slice(Math.max(0, foldStart(entries))), rulesOr(rules), { lastOnly: true })
  const view = views.at(-1)
  return view === undefined ? undefined : expandView(view)
}

const isFoldStart = (e: HistoryDoc): boolean => e.record !== undefined || e.state !== undefined || e.recordVersion === 1

/** Every version of a record, oldest first, as the hub knew each (folded from history). */
export async function readVersions (
  store: Store, entity: CanonicalEntity, id: string, rules?: SurvivorshipRules
): Promise<RecordView[]> {
  const entries: HistoryDoc[] = []
  let after: { value: string, id: string } | undefined
  for (;;) {
    const page = await store.find(
      'history', { where: { recordKey: recordKey(entity, id) }, orderBy: { field: '_id' }, after, limit: 1000 }
    ) as HistoryDoc[]
    entries.push(...page)
    if (page.length < 1000) break
    after = { value: page[page.length - 1]._id, id: page[page.length - 1]._id }
  }
  return foldHistory(entries, rulesOr(rules)).map(expandView)
}

const historyStarts = new WeakMap<Store, string>()

/**
 * When the hub's history starts: the validFrom of its oldest version, undefined while the hub holds
 * none. Remembered once known: later versions never start before it (a rebuild keeps ingest times).
 */
export async function historyStart (store: Store): Promise<string | undefined> {
  const known = historyStarts.get(store)
  if (known !== undefined) return known
  const [oldest] = await store.find(
    'history', { orderBy: { field: 'validFrom', direction: 'asc' }, limit: 1 }
  ) as HistoryDoc[]
  const start = oldest?.validFrom
  if (start !== undefined) historyStarts.set(store, start)
  return start
}

export type RecordLookup = { kind: 'found', view: RecordView } | { kind: 'deleted', view: RecordView } | {
  kind: 'missing'
}

/** The record now, or as the hub knew it at `asOf` (ISO), told apart as found / tombstone / missing. */
export async function lookupRecord (
  store: Store, entity: CanonicalEntity, id: string, asOf?: string
): Promise<RecordLookup> {
  const view = asOf === undefined ? await readCurrent(store, entity, id) : await readAsOf(store, entity, id, asOf)
  if (view === undefined) return { kind: 'missing' }
  return view.deleted ? { kind: 'deleted', view } : { kind: 'found', view }
}

/** When the record became a tombstone: the newest delete among its sources. */
export const deletedAt = (view: RecordView): string | undefined =>
  Object.values(view.sources).map(s => s.deletedAt).filter((t): t is string => t !== undefined).sort().at(-1)

/** Live records of an entity that link to a person (see links.ts), in id order; tombstones left out. */
export async function linkedRecords (
  store: Store, entity: CanonicalEntity, personalId: string, limitPerSlot = 100
): Promise<RecordView[]> {
  const slots = Array.from({ length: personLinkSlots[entity] }, (_v, i) => personSlot(i))
  const pages = await Promise.all(
    slots.map(
      async field => await store.find(goldenCollection[entity], { where: { [field]: personalId }, limit: limitPerSlot })
    )
  )
  const byId = new Map(pages.flat().map(doc => [doc._id, doc]))
  return [...byId.keys()].sort().map(
    id => viewOf(byId.get(id) as StoredDoc)
  ).filter((v): v is RecordView => v !== undefined &&
    !v.deleted)
}

/** The records with these ids as views (tombstones included), by id; ids the hub does not hold are left out. */
export async function readMany (
  store: Store, entity: CanonicalEntity, ids: readonly string[]
): Promise<Map<string, RecordView>> {
  const docs = await store.getMany(goldenCollection[entity], [...new Set(ids)])
  const views = new Map<string, RecordView>()
  if (await behind(store)) {
    for (const id of new Set(ids)) {
      const view = await caughtUp(store, entity, id, docs.get(id))
      if (view !== undefined) views.set(id, view)
    }
    return views
  }
  for (const [id, doc] of docs) {
    const view = viewOf(doc)
    if (view !== undefined) views.set(id, view)
  }
  return views
}

/** The live records among these ids, in the order asked; tombstones and unknown ids left out. */
export async function liveRecords (
  store: Store, entity: CanonicalEntity, ids: readonly string[]
): Promise<RecordView[]> {
  const views = await readMany(store, entity, ids)
  return ids.map(id => views.get(id)).filter((v): v is RecordView => v !== undefined && !v.deleted)
}
