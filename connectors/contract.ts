// What a connector is: a declarative manifest plus pure functions for the source-specific parts.
// The runner owns everything else (scheduling, HTTP, retries, cursors, publishing, dead letters),
// so no connector reinvents them.
import type { ChangeOp } from '../schemas/change-event.js'
import type { ConnectorMapping } from './mapping/mapping-schema.js'

export interface StreamManifest {
  name: string
  /** Field of the raw record that identifies it in the source. */
  primaryKey: string
  /** Field of the raw record the incremental cursor follows. */
  cursorField: string
  /** JSON Schema (draft 2020-12) every raw record must satisfy. */
  rawSchema: Record<string, unknown>
}

export interface ConnectorManifest {
  id: string
  version: string
  sourceSystem: string
  mode: 'poll' | 'push' | 'file'
  /** Six-field cron (seconds first) for poll connectors. */
  schedule?: string
  streams: StreamManifest[]
  /**
   * JSON Schema (draft 2020-12) of the connector's settings; every property has a description and
   * secrets are marked `writeOnly: true` (never echoed by the API, never logged).
   */
  configSchema?: Record<string, unknown>
}

/** Position reached in a source stream: exact even when many records share an update time. */
export interface StreamCursor { updatedSince: string, afterKey: string }

export interface SourcePage<R> { records: R[], next: StreamCursor | null }

/** A raw record turned into what the runner publishes. Pure: no I/O. */
export interface RawChange {
  /** Entity key: the Kafka message key, so every change to one entity stays in order. */
  entityKey: string
  sourceKey: string
  op: Exclude<ChangeOp, 'r'>
  sourceTime: string
  data: Record<string, unknown> | null
}

export interface PollConnector<R> {
  manifest: ConnectorManifest
  /** Raw record to canonical entities, as data: the normalizer applies it. */
  mapping: ConnectorMapping
  /** Builds the URL of one page of a stream from the saved cursor. */
  pageUrl: (baseUrl: string, stream: string, cursor: StreamCursor | undefined, limit: number) => string
  /** Reads the source's page format. Throws on a page it does not understand. */
  parsePage: (body: unknown) => SourcePage<R>
  /** Cursor after one record, for a page that ends without `next`. The runner always passes the stream. */
  cursorAfter: (record: R, stream?: string) => StreamCursor
  /** The runner always passes the stream the record was read from; without it, the first stream. */
  toChange: (record: R, stream?: string) => RawChange
  /** Streams the runner builds from another stream's records (see DerivedStream). */
  derivedStreams?: Array<DerivedStream<R>>
}

/**
 * A stream the source does not serve but its records imply: the runner groups the records of
 * stream `from` by `groupOf` (residents by household), keeps each group's members in the store,
 * and publishes the group's record from `build` on this stream whenever a member changes.
 * Everything here is pure; the runner owns the state.
 */
export interface DerivedStream<R> extends StreamManifest {
  from: string
  /** The group a record belongs to; undefined for a record in no group. */
  groupOf: (record: R) => string | undefined
  memberKey: (record: R) => string
  /** What the group record needs of one member (kept in the store, so keep it small). */
  member: (record: R) => Record<string, unknown>
  /** The group's record from its members, or undefined while it cannot be built (no head yet). */
  build: (groupKey: string, members: Array<Record<string, unknown>>) => Record<string, unknown> | undefined
}

export const rawTopic = (connectorId: string): string => `source.${connectorId}`
export const connectorDeadLetterGroup = (connectorId: string): string => `connector.${connectorId}`
