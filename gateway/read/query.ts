// The query parameters every personal-data read shares, as one schema per kind of read, and asOf
// parsed into an ISO time with its own error.
import { asOfQuerySchema, parseAsOf } from './as-of.js'
import { ApiProblem } from '../problem.js'
import { fieldsParamSchema } from './field-selection.js'
import { includeParamSchema } from './include.js'
import { cursorParamSchema, limitParamSchema } from './pagination.js'

export interface RecordQuery { fields?: string, include?: string, asOf?: string }
export interface ListQuery extends RecordQuery { limit: number, cursor?: string }

const asOfParamSchema = { ...asOfQuerySchema.properties.asOf, examples: ['2025-12-31', '2026-01-01T08:00:00+07:00'] }

/** fields and include; asOf where the record has history; limit and cursor on lists. */
export function readQuerySchema ({ asOf = false, list = false }: { asOf?: boolean, list?: boolean } = {}) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      fields: fieldsParamSchema,
      include: includeParamSchema,
      ...(asOf ? { asOf: asOfParamSchema } : {}),
      ...(list ? { limit: limitParamSchema(), cursor: cursorParamSchema } : {})
    }
  } as const
}

/** The asOf parameter as an ISO time; 400 LT_ERR_AS_OF_INVALID when it is not a real time. */
export function asOfParam (text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const asOf = parseAsOf(text)
  if (asOf === undefined) {
    throw new ApiProblem(400, 'LT_ERR_AS_OF_INVALID', 'asOf is not a valid time',
      `'${text}' is not a calendar date or date-time.`,
      [{ path: 'querystring/asOf', message: 'is not a valid date or date-time' }])
  }
  return asOf
}

/** Declared on routes that take asOf: 422 LT_ERR_AS_OF_BEFORE_HISTORY for a time before the hub's history. */
export const asOfResponses = {
  422: {
    $ref: 'Problem#',
    description: 'LT_ERR_AS_OF_BEFORE_HISTORY: asOf is before the hub\'s history starts (the detail says when).'
  }
} as const
