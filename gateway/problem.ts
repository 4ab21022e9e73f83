// Errors the gateway answers with, as RFC 9457 problem details with stable LT_ERR_ codes.
export interface ProblemField { path: string, message: string }

export class ApiProblem extends Error {
  constructor (
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemField[]
  ) {
    super(detail ?? title)
    this.name = 'ApiProblem'
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
    instance: { type: 'string', format: 'uri', description: 'This occurrence, for support: urn:uuid:<request id> (the X-Request-Id response header).' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } }
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
  uuid.test(requestId) ? `urn:uuid:${requestId.toLowerCase()}` : `urn:lienthong:request:${encodeURIComponent(requestId)}`
