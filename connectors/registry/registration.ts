// What an integrator registers: a declarative connector, as data. Persisted in the store's
// 'connectors' collection; secrets (config fields marked writeOnly, the push token) are never
// returned by the API.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export type PagingStyle = 'cursor' | 'page' | 'offset'

export interface PagingSpec {
  style: PagingStyle
  /** Names of the query parameters the source understands. */
  params: { limit: string, updatedSince?: string, afterKey?: string, page?: string, offset?: string }
  /** Number of the first page (page style); 1 unless the source counts from 0. */
  firstPage?: number
  /** Path of the records array in a page. */
  records: string
  /** Cursor style: path of the object holding the next page's query parameters (null at the end). */
  next?: string
  /** Page and offset styles: path of a boolean saying whether more pages follow. */
  hasMore?: string
}

export type HeaderValue = string | { fromConfig: string }

export interface SourceSpec {
  url: string
  schedule: string
  pageSize: number
  timeoutMs?: number
  headers?: Record<string, HeaderValue>
  paging: PagingSpec
}

export interface StreamSpec {
  name: string
  /** Path appended to source.url (poll mode). */
  path?: string
  primaryKey: string
  cursorField: string
  rawSchema: Record<string, unknown>
}

export interface Registration {
  id: string
  version: string
  sourceSystem: string
  title?: string
  mode: 'poll' | 'push'
  source?: SourceSpec
  streams: StreamSpec[]
  config?: { schema: Record<string, unknown>, values: Record<string, unknown> }
  /** Push mode: the bearer token the source sends. Write-only; stored as a scrypt hash. */
  push?: { token?: string }
  mapping: ConnectorMapping
}
