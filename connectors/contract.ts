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
  /** Cursor after one record, for a page that ends without `next`. */
  cursorAfter: (record: R) => StreamCursor
  toChange: (record: R) => RawChange
}

export const rawTopic = (connectorId: string): string => `source.${connectorId}`
export const connectorDeadLetterGroup = (connectorId: string): string => `connector.${connectorId}`
