// Reads of golden records for the gateway: the current record or the version the hub knew at a
// given time (from history), and the response shape with provenance and freshness.
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import { goldenCollection, isGoldenRecord, personLinkSlots, personSlot, recordKey, type HistoryDoc, type RecordView, type SourceFreshness, type StoredView } from './golden-record.js'
import { decodeProvenance } from './provenance-codec.js'

/** Sorts after every history `_id`, so a keyset bound on validFrom includes equal times. */
const AFTER_EVERY_ID = '\uffff'

/**
 * Parses `asOf`: a date-time with a zone, or a bare date meaning the end of that day in Vietnam
 * time (UTC+07:00), i.e. everything the hub knew on that day. Undefined when not a real time.
 */
export function parseAsOf (text: string): string | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (date !== null) {
    const [y, m, d] = date.slice(1).map(Number)
    const check = new Date(Date.UTC(y, m - 1, d))
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined
    return new Date(Date.UTC(y, m - 1, d + 1) - 7 * 3600_000 - 1).toISOString()
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

export function viewOf (doc: StoredDoc): RecordView | undefined {
  if (!isGoldenRecord(doc)) return undefined
  return expandView(doc)
}

/** A stored view (golden record or history snapshot) as readers see it: provenance expanded. */
function expandView ({ entity, entityId, version, deleted, fields, provenance, conflicts, sources, links, validFrom, warnings }: StoredView): RecordView {
  return { entity, entityId, version, deleted, fields, provenance: decodeProvenance(provenance), conflicts, sources, links, validFrom, ...(warnings !== undefined ? { warnings } : {}) }
}

export async function readCurrent (store: Store, entity: CanonicalEntity, id: string): Promise<RecordView | undefined> {
  const doc = await store.get(goldenCollection[entity], id)
  return doc === undefined ? undefined : viewOf(doc)
}

/** The newest version whose validFrom is at or before `at` (ISO), from history. */
export async function readAsOf (store: Store, entity: CanonicalEntity, id: string, at: string): Promise<RecordView | undefined> {
  const [hit] = await store.find('history', {
    where: { recordKey: recordKey(entity, id) },
    orderBy: { field: 'validFrom', direction: 'desc' },
    after: { value: at, id: AFTER_EVERY_ID },
    limit: 1
  }) as HistoryDoc[]
  return hit === undefined ? undefined : expandView(hit.record)
}

const historyStarts = new WeakMap<Store, string>()

/**
 * When the hub's history starts: the validFrom of its oldest version, undefined while the hub holds
 * none. Remembered once known: later versions never start before it (a rebuild keeps ingest times).
 */
export async function historyStart (store: Store): Promise<string | undefined> {
  const known = historyStarts.get(store)
  if (known !== undefined) return known
  const [oldest] = await store.find('history', { orderBy: { field: 'validFrom', direction: 'asc' }, limit: 1 }) as HistoryDoc[]
  const start = oldest?.record.validFrom
  if (start !== undefined) historyStarts.set(store, start)
  return start
}

export interface FreshnessView extends SourceFreshness {
  /** Seconds from the source's change to the hub ingesting it. */
  lagSeconds: number
  /** Seconds since the source's newest change, at the time of the answer. */
  ageSeconds: number
}

export function freshness (view: RecordView, now: Date): Record<string, FreshnessView> {
  const seconds = (from: string, to: number): number => Math.max(0, Math.round((to - Date.parse(from)) / 1000))
  return Object.fromEntries(Object.entries(view.sources).map(([system, s]) => [system, {
    ...s, lagSeconds: seconds(s.sourceTime, Date.parse(s.ingestTime)), ageSeconds: seconds(s.sourceTime, now.getTime())
  }]))
}

/** The source whose newest change is the newest of all: the `meta.source` older clients read. */
export function newestSource (view: RecordView): { sourceSystem: string, sourceTime: string, ingestTime: string, connectorVersion: string } | undefined {
  const [system, s] = Object.entries(view.sources).sort(([a, x], [b, y]) => x.sourceTime !== y.sourceTime ? (x.sourceTime > y.sourceTime ? -1 : 1) : a < b ? -1 : 1)[0] ?? []
  return system === undefined || s === undefined ? undefined : { sourceSystem: system, sourceTime: s.sourceTime, ingestTime: s.ingestTime, connectorVersion: s.connectorVersion }
}

export interface ResponseOptions {
  asOf?: string
  /** The data to send when access control projected the fields; defaults to every merged field. */
  data?: Record<string, unknown>
  /** Field paths sent; provenance and conflicts are then shown for those fields only. */
  returned?: readonly string[]
}

/** The response body of one record: merged fields as data, everything about them in meta. */
export function recordResponse (view: RecordView, now: Date, { asOf, data = view.fields, returned }: ResponseOptions = {}): { data: Record<string, unknown>, meta: Record<string, unknown> } {
  const visible = returned === undefined ? undefined : new Set(returned.map(p => p.split('.')[0]))
  const only = <T>(byField: Record<string, T>): Record<string, T> =>
    visible === undefined ? byField : Object.fromEntries(Object.entries(byField).filter(([field]) => visible.has(field)))
  return {
    data,
    meta: {
      entity: view.entity,
      id: view.entityId,
      version: view.version,
      validFrom: view.validFrom,
      ...(asOf !== undefined ? { asOf } : {}),
      source: newestSource(view),
      sources: freshness(view, now),
      conflicts: only(view.conflicts),
      provenance: only(view.provenance)
    }
  }
}

export type RecordLookup = { kind: 'found', view: RecordView } | { kind: 'deleted', view: RecordView } | { kind: 'missing' }

/** The record now, or as the hub knew it at `asOf` (ISO), told apart as found / tombstone / missing. */
export async function lookupRecord (store: Store, entity: CanonicalEntity, id: string, asOf?: string): Promise<RecordLookup> {
  const view = asOf === undefined ? await readCurrent(store, entity, id) : await readAsOf(store, entity, id, asOf)
  if (view === undefined) return { kind: 'missing' }
  return view.deleted ? { kind: 'deleted', view } : { kind: 'found', view }
}

/** When the record became a tombstone: the newest delete among its sources. */
export const deletedAt = (view: RecordView): string | undefined =>
  Object.values(view.sources).map(s => s.deletedAt).filter((t): t is string => t !== undefined).sort().at(-1)

const openObject = { type: 'object', additionalProperties: true } as const

/** Response schema of one record; `data` is the entity's merged fields (partial: sources differ in what they hold). */
export const recordResponseSchema = (description: string) => ({
  type: 'object',
  required: ['data', 'meta'],
  properties: {
    data: { ...openObject, description },
    meta: {
      type: 'object',
      required: ['entity', 'id', 'version', 'validFrom', 'sources', 'conflicts', 'provenance'],
      properties: {
        entity: { type: 'string' },
        id: { type: 'string' },
        version: { type: 'integer', description: 'Increases with every change the hub applied to this record.' },
        validFrom: { type: 'string', format: 'date-time', description: 'When the hub learned this version (newest ingest time of the events in it).' },
        asOf: { type: 'string', format: 'date-time', description: 'The time asked for, when the answer comes from history.' },
        source: {
          type: 'object',
          description: 'The source with the newest change (kept for older clients; see `sources`).',
          properties: { sourceSystem: { type: 'string' }, sourceTime: { type: 'string' }, ingestTime: { type: 'string' }, connectorVersion: { type: 'string' } }
        },
        sources: { ...openObject, description: 'Per source system: holds, newest sourceTime and ingestTime, lagSeconds (ingest minus source time), ageSeconds (now minus source time), connector, deletedAt.' },
        conflicts: { ...openObject, description: 'Per field where sources disagree: sourceSystems and since. Details in GET /v1/conflicts.' },
        provenance: { ...openObject, description: 'Per field: sourceSystem, sourceKey, sourceTime, ingestTime, connector, connectorVersion, eventId, rule (authoritative | newest).' }
      }
    }
  }
} as const)

export const asOfQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    asOf: {
      type: 'string',
      description: 'Answer as the hub knew the record then: a date-time with zone, or a date (the end of that day, Vietnam time).',
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$'
    }
  }
} as const

/** Live records of an entity that link to a person (see links.ts), in id order; tombstones left out. */
export async function linkedRecords (store: Store, entity: CanonicalEntity, personalId: string, limitPerSlot = 100): Promise<RecordView[]> {
  const slots = Array.from({ length: personLinkSlots[entity] }, (_v, i) => personSlot(i))
  const pages = await Promise.all(slots.map(async field => await store.find(goldenCollection[entity], { where: { [field]: personalId }, limit: limitPerSlot })))
  const byId = new Map(pages.flat().map(doc => [doc._id, doc]))
  return [...byId.keys()].sort().map(id => viewOf(byId.get(id) as StoredDoc)).filter((v): v is RecordView => v !== undefined && !v.deleted)
}
