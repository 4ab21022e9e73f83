// Errors the gateway answers with, as RFC 9457 problem details with stable LT_ERR_ codes.
import { HubError } from '../infra/shared/hub-error.js'

export interface ProblemField { path: string, message: string }

/** An answer a route chose itself: status, code and the words the client reads. */
export class ApiProblem extends HubError {
  constructor (
    status: number,
    code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemField[]
  ) {
    // 429 and 503 say "not now": the same request may succeed later.
    super(detail ?? title, { code, status, retriable: status === 429 || status === 503 })
  }
}

export interface Problem { status: number, code: string, title: string, detail?: string, errors?: ProblemField[] }

const titles: Record<number, string> = {
  404: 'Not found',
  409: 'Conflict',
  422: 'Cannot be processed',
  429: 'Too many requests',
  502: 'A department system failed',
  503: 'Temporarily unavailable'
}

export const INTERNAL_DETAIL = 'The request could not be completed; quote the instance id to support.'

/**
 * The one mapping from the error family to problem details. A route's own ApiProblem is answered
 * as it is. Any other member answers with its status and code, and its message as the detail for a
 * 4xx (it names what the caller got wrong). A 500 is the hub's own fault: it answers
 * LT_ERR_INTERNAL and nothing of the message; the error's own code goes to the log.
 */
export function problemOf (err: HubError): Problem {
  if (err instanceof ApiProblem) return err
  const status = err.status >= 400 && err.status <= 599 ? err.status : 500
  if (status === 500) return { status, code: 'LT_ERR_INTERNAL', title: 'Internal error', detail: INTERNAL_DETAIL }
  const issues = (err as { errors?: unknown }).errors
  return {
    status,
    code: err.code,
    title: titles[status] ?? (status < 500 ? 'The request is not valid' : 'Internal error'),
    detail: status < 500
      ? err.message
      : `${titles[status] ?? 'The hub failed'}; try again later and quote the instance id to support.`,
    ...(Array.isArray(issues) ? { errors: issues as ProblemField[] } : {})
  }
}

export const problemSchema = {
  $id: 'Problem',
  title: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable and meant for programs.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', pattern: '^LT_ERR_[A-Z0-9_]+$' },
    detail: { type: 'string' },
    instance: {
      type: 'string',
      format: 'uri',
      description: 'This occurrence, for support: urn:uuid:<request id> (the X-Request-Id response header).'
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } }
      }
    }
  }
} as const

export const problemType = (code: string): string =>
  `https://lienthong.cantho.gov.vn/problems/${code.replace(/^LT_ERR_/, '').toLowerCase().replace(/_/g, '-')}`

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The problem's `instance`: a URI (RFC 9457 §3.1.5) naming this request. Request ids are UUIDs
 * unless a caller sent its own X-Request-Id, which is then kept, percent-encoded, in a URN of ours.
 */
export const problemInstance = (requestId: string): string =>
  uuid.test(requestId)
    ? `urn:uuid:${requestId.toLowerCase()}`
    : `urn:lienthong:request:${encodeURIComponent(requestId)}`
