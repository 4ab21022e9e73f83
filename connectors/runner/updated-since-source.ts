// The page format every simulated department (and many real ones) speaks:
//   GET <path>?updatedSince=<time>&afterKey=<key>&<size param>=<n>
//   -> {"data": [...], "next": {"updatedSince", "afterKey"} | null}
// ordered by (update time, key). Built-in connectors describe each stream with a few names and
// get pageUrl, parsePage, cursorAfter and toChange from here, so a connector folder holds only
// what is specific to its source.
import type { ChangeOp } from '../../schemas/change-event.js'
import type {
  ConnectorManifest,
  DerivedStream,
  PollConnector,
  RawChange,
  SourcePage,
  StreamCursor
} from '../contract.js'
import type { ConnectorMapping } from '../mapping/mapping-schema.js'
import { HubError } from '../../infra/shared/hub-error.js'

export type RawRecord = Record<string, unknown>

export interface UpdatedSinceStream {
  name: string
  /** Path of the stream on the source, e.g. /api/residents. */
  path: string
  /** Name of the page-size query parameter (limit, pageSize, …). */
  sizeParam: string
  primaryKey: string
  cursorField: string
  rawSchema: Record<string, unknown>
  /** The source's created-at field: a record created at its update time is a create (op c). */
  createdField?: string
  /** The source's deleted flag and the value that means deleted. */
  deleted: { field: string, value: boolean | number | string }
  /**
   * How a tombstone is published. 'delete' (default): op d. 'update': the record is a fact about
   * other entities (a marriage about two persons), so its removal must not delete them.
   */
  onDelete?: 'delete' | 'update'
  /** Kafka key; defaults to the primary key. */
  entityKey?: (record: RawRecord) => string
  /**
   * Values the connector derives from the record for its mapping, published under `_derived`
   * next to the record as served (the closed transform set cannot filter or translate codes).
   */
  derive?: (record: RawRecord) => RawRecord
}

export interface UpdatedSinceConnectorSpec {
  manifest: Omit<ConnectorManifest, 'streams'>
  streams: UpdatedSinceStream[]
  mapping: ConnectorMapping
  derivedStreams?: Array<DerivedStream<RawRecord>>
}

export const DERIVED_FIELD = '_derived'

export function updatedSinceConnector (spec: UpdatedSinceConnectorSpec): PollConnector<RawRecord> {
  const byName = new Map(spec.streams.map(s => [s.name, s]))
  const streamOf = (name: string | undefined): UpdatedSinceStream => {
    const s = name === undefined ? spec.streams[0] : byName.get(name)
    if (s === undefined) throw new Error(`connector ${spec.manifest.id} has no stream '${name}'`)
    return s
  }
  return {
    manifest: {
      ...spec.manifest,
      streams: [
        ...spec.streams.map(
          s => ({ name: s.name, primaryKey: s.primaryKey, cursorField: s.cursorField, rawSchema: s.rawSchema })
        ),
        ...(spec.derivedStreams ?? []).map(
          d => ({ name: d.name, primaryKey: d.primaryKey, cursorField: d.cursorField, rawSchema: d.rawSchema })
        )
      ]
    },
    mapping: spec.mapping,
    ...(spec.derivedStreams !== undefined ? { derivedStreams: spec.derivedStreams } : {}),
    pageUrl (baseUrl, stream, cursor, limit) {
      const s = streamOf(stream)
      const url = new URL(s.path, baseUrl)
      url.searchParams.set(s.sizeParam, String(limit))
      if (cursor !== undefined) {
        url.searchParams.set('updatedSince', cursor.updatedSince)
        url.searchParams.set('afterKey', cursor.afterKey)
      }
      return url.toString()
    },
    parsePage: parseUpdatedSincePage,
    cursorAfter: (record, stream) => {
      const s = streamOf(stream)
      return { updatedSince: String(record[s.cursorField]), afterKey: String(record[s.primaryKey]) }
    },
    toChange: (record, stream) => toRawChange(streamOf(stream), record)
  }
}

/** The source answered a page this reader cannot read: asking again gets the same page. */
export class PageFormatError extends HubError {
  constructor (message: string) {
    super(message, { code: 'LT_ERR_SOURCE_PAGE', status: 502, retriable: false })
  }
}

export function parseUpdatedSincePage (body: unknown): SourcePage<RawRecord> {
  const page = body as { data?: unknown, next?: unknown } | null
  if (page === null || typeof page !== 'object' || !Array.isArray(page.data)) {
    throw new PageFormatError('the page has no data array')
  }
  if (page.data.some(r => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new PageFormatError('the data array holds something that is not a record')
  }
  const next = page.next
  if (next === null || next === undefined) return { records: page.data as RawRecord[], next: null }
  const n = next as Partial<StreamCursor>
  if (typeof n.updatedSince !== 'string' || typeof n.afterKey !== 'string') {
    throw new PageFormatError('next does not hold updatedSince and afterKey')
  }
  return { records: page.data as RawRecord[], next: { updatedSince: n.updatedSince, afterKey: n.afterKey } }
}

export function toRawChange (s: UpdatedSinceStream, record: RawRecord): RawChange {
  const key = String(record[s.primaryKey])
  const deleted = record[s.deleted.field] === s.deleted.value
  const updated = String(record[s.cursorField])
  const created = s.createdField !== undefined && record[s.createdField] === updated
  const op: Exclude<ChangeOp, 'r'> = deleted && s.onDelete !== 'update' ? 'd' : created ? 'c' : 'u'
  const derived = s.derive?.(record)
  return {
    entityKey: s.entityKey?.(record) ?? key,
    sourceKey: key,
    op,
    sourceTime: updated,
    // A tombstone carries the record as served, so the normalizer can read every id it held.
    data: derived === undefined ? record : { ...record, [DERIVED_FIELD]: derived }
  }
}
