// The closed set of paging styles a registered HTTP source may use, as data:
// - cursor: ?updatedSince=…&afterKey=…&limit=…; the page may name the next page's parameters
// - page:   ?page=N&pageSize=…[&updatedSince=…]
// - offset: ?offset=N&limit=…[&updatedSince=…]
// A position inside a run is kept in the runner's StreamCursor: `updatedSince` is the run's filter
// and `afterKey` the source key (cursor style) or `page:N` / `offset:N`.
import type { StreamCursor } from '../contract.js'
import { readPath } from '../mapping/read-path.js'
import type { PagingSpec } from '../registry/registration.js'
import { HubError } from '../../infra/shared/hub-error.js'

export interface PageRequest { cursor: StreamCursor | undefined, limit: number }

export function pageParams (paging: PagingSpec, { cursor, limit }: PageRequest): Record<string, string> {
  const p = paging.params
  const out: Record<string, string> = { [p.limit]: String(limit) }
  const since = cursor?.updatedSince ?? ''
  if (since !== '' && p.updatedSince !== undefined) out[p.updatedSince] = since
  if (paging.style === 'cursor') {
    if (cursor !== undefined && p.afterKey !== undefined) out[p.afterKey] = cursor.afterKey
    return out
  }
  const first = paging.style === 'page' ? (paging.firstPage ?? 1) : 0
  const at = position(paging, cursor) ?? first
  out[(paging.style === 'page' ? p.page : p.offset) as string] = String(at)
  return out
}

/** The page or offset a cursor stands at, if it stands inside a run. */
function position (paging: PagingSpec, cursor: StreamCursor | undefined): number | undefined {
  const m = /^(page|offset):(\d+)$/.exec(cursor?.afterKey ?? '')
  return m !== null && m[1] === paging.style ? Number(m[2]) : undefined
}

/** The source answered a page this reader cannot read: asking again gets the same page. */
export class PageFormatError extends HubError {
  constructor (message: string) {
    super(message, { code: 'LT_ERR_SOURCE_PAGE', status: 502, retriable: false })
  }
}

/** Reads one page: its records and the cursor of the next page (null when this was the last). */
export function readPage (
  paging: PagingSpec,
  body: unknown,
  request: PageRequest,
  cursorAfter: (record: Record<string, unknown>) => StreamCursor
): { records: Array<Record<string, unknown>>, next: StreamCursor | null } {
  const records = readPath(body, paging.records)
  if (!Array.isArray(records)) throw new PageFormatError(`the page has no records array at '${paging.records}'`)
  if (records.some(r => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new PageFormatError(`'${paging.records}' holds something that is not a record`)
  }
  const list = records as Array<Record<string, unknown>>
  const last = list[list.length - 1]
  const full = list.length >= request.limit
  if (paging.style === 'cursor') {
    if (paging.next === undefined) return { records: list, next: full && last !== undefined ? cursorAfter(last) : null }
    const next = readPath(body, paging.next)
    if (next === null || next === undefined) return { records: list, next: null }
    if (typeof next !== 'object') throw new PageFormatError(`'${paging.next}' is neither an object nor null`)
    const n = next as Record<string, unknown>
    const since = n[paging.params.updatedSince ?? 'updatedSince']
    const after = n[paging.params.afterKey ?? 'afterKey']
    if (typeof since !== 'string' || (typeof after !== 'string' && typeof after !== 'number')) {
      throw new PageFormatError(`'${paging.next}' does not hold the next page's ` +
        `${paging.params.updatedSince ?? 'updatedSince'} and ${paging.params.afterKey ?? 'afterKey'}`)
    }
    return { records: list, next: { updatedSince: since, afterKey: String(after) } }
  }
  const more = paging.hasMore !== undefined ? readPath(body, paging.hasMore) === true : full
  if (!more || list.length === 0) return { records: list, next: null }
  const first = paging.style === 'page' ? (paging.firstPage ?? 1) : 0
  const at = position(paging, request.cursor) ?? first
  const step = paging.style === 'page' ? 1 : list.length
  return {
    records: list,
    next: { updatedSince: request.cursor?.updatedSince ?? '', afterKey: `${paging.style}:${at + step}` }
  }
}
