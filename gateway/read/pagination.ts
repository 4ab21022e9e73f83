// Keyset pages for list reads: a bounded `limit` and an opaque `cursor` that carries the `_id` of
// the last item sent. A client passes `page.next` back unchanged; anything else is refused.
// Personal-data lists seal their cursors (AES-GCM with the hub secret, bound to the list they came
// from): a record id there (a card's number, a parcel id) is an identifier the grant may not cover.
import { ApiProblem } from '../problem.js'
import type { OpaqueRefs } from '../security/opaque-refs.js'

export const MAX_PAGE_SIZE = 100

export const limitParamSchema = (max = MAX_PAGE_SIZE, byDefault = 20) => ({
  type: 'integer', minimum: 1, maximum: max, default: byDefault, description: `Page size, 1-${max}.`
} as const)

export const cursorParamSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 400,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'The `page.next` of the previous page, unchanged.'
} as const

export const pageSchema = {
  type: 'object',
  required: ['next'],
  properties: { next: { type: ['string', 'null'], description: 'Cursor of the next page; null on the last.' } }
} as const

const invalidCursor = (): ApiProblem =>
  new ApiProblem(400, 'LT_ERR_CURSOR_INVALID', 'The cursor is not valid',
    'Pass back the `page.next` value of the previous page unchanged.',
    [{ path: 'querystring/cursor', message: 'is not a cursor this API issued' }])

/** A sealed cursor's `_id`; 400 LT_ERR_CURSOR_INVALID unless this hub sealed it for this list (scope). */
export function openCursor (refs: OpaqueRefs, scope: string, cursor: string, isId: (id: string) => boolean): string {
  const id = refs.open(scope, cursor)
  if (id === undefined || !isId(id)) throw invalidCursor()
  return id
}

/** The first `limit` of items sorted by id (at most limit+1 given), and the sealed cursor after them. */
export function sealedPageOf<T> (
  refs: OpaqueRefs, scope: string, items: T[], limit: number, idOf: (item: T) => string
): { items: T[], next: string | null } {
  const page = items.slice(0, limit)
  return { items: page, next: items.length > limit ? refs.seal(scope, idOf(page[page.length - 1])) : null }
}
