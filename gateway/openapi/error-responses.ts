// What the document says about errors, in one place. Every error leaves as
// application/problem+json (plugins/problem-details.ts), so a response declared as a Problem is
// documented with that media type; and the errors that plugins answer for every route of a kind
// (validation, authentication, rate limit, body parsing) are declared here instead of in each
// route. Only the document changes: the routes' own schemas, which serialize replies, are not touched.

import { purposePattern } from '../security/grants.js'

const problem = { $ref: 'Problem#' }

const descriptions: Readonly<Record<string, string>> = {
  400: 'The request is not valid: LT_ERR_VALIDATION with `errors` naming each place, or a code of the failed rule.',
  401: 'No valid credential: LT_ERR_UNAUTHENTICATED.',
  403: 'The client may not do this: LT_ERR_FORBIDDEN, LT_ERR_FIELD_NOT_GRANTED.',
  404: 'Nothing with this key: an LT_ERR_…_NOT_FOUND code.',
  409: 'The request conflicts with the current state (the code says which).',
  410: 'Deleted at every source: an LT_ERR_…_DELETED code.',
  413: 'The body is larger than the limit: LT_ERR_BODY_TOO_LARGE.',
  415: 'The body is not application/json: LT_ERR_MEDIA_TYPE.',
  422: 'Understood but not processable (the code says why).',
  431: 'The request line and headers exceed the server\'s limit (16 KiB): LT_ERR_HEADERS_TOO_LARGE.',
  429: 'Too many requests from this client: LT_ERR_RATE_LIMITED, with Retry-After.',
  503: 'A dependency (audit log, store) did not answer in time; retry later.'
}

export interface RouteFacts {
  /** Answers 401 without a valid API key (every route but the public ones). */
  authenticated: boolean
  /** Rate limited (429). */
  rateLimited: boolean
  /** Operators only: 403 for any other client. */
  operatorOnly: boolean
}

const isProblem = (response: unknown): boolean =>
  typeof response === 'object' && response !== null && (response as { $ref?: unknown }).$ref === 'Problem#'

/** The route's schema as the document shows it: declared errors as problem+json, plus the common ones. */
export function documentErrors (schema: Record<string, unknown>, facts: RouteFacts): Record<string, unknown> {
  const responses: Record<string, unknown> = { ...(schema.response as Record<string, unknown> | undefined) }
  const add = (code: number): void => { if (responses[code] === undefined) responses[code] = problem }
  if (['params', 'querystring', 'headers', 'body'].some(part => schema[part] !== undefined)) add(400)
  if (schema.body !== undefined) { add(413); add(415) }
  if (facts.authenticated) add(401)
  if (facts.operatorOnly) add(403)
  if (facts.rateLimited) add(429)
  add(431)
  const documented = Object.fromEntries(Object.entries(responses).map(([code, response]) => [code, isProblem(response)
    ? {
        description: descriptions[code] ?? 'An error (problem details).',
        content: { 'application/problem+json': { schema: problem } }
      }
    : response]))
  return { ...schema, ...purposeRequired(schema.headers), response: documented }
}

/**
 * X-Purpose is optional in the routes' header schemas only so that access control, not the
 * validator, answers its absence (400 LT_ERR_PURPOSE_REQUIRED, before any other check); every route
 * that reads it refuses a request without it, so the document says it is required.
 */
function purposeRequired (headers: unknown): { headers?: unknown } {
  const h = headers as { properties?: Record<string, unknown>, required?: string[] } | undefined
  const declared = h?.properties?.['x-purpose']
  if (h === undefined || declared === undefined) return {}
  // The pattern is the one access control checks (400 LT_ERR_PURPOSE_INVALID otherwise).
  return {
    headers: {
      ...h,
      required: [...new Set([...(h.required ?? []), 'x-purpose'])],
      properties: { ...h.properties, 'x-purpose': { ...(declared as object), pattern: purposePattern } }
    }
  }
}
