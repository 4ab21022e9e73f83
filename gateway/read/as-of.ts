// The asOf query parameter of reads with history: its schema and its parsing into an ISO time.
// HTTP concerns, kept beside the routes; the records room reads history by an ISO time only.

/**
 * Parses `asOf`: a date-time with a zone, or a bare date meaning the end of that day in Vietnam
 * time (UTC+07:00), i.e. everything the hub knew on that day. Undefined when not a real time.
 */
export function parseAsOf (text: string): string | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (date !== null) {
    const [y, m, d] = date.slice(1).map(Number)
    const check = new Date(Date.UTC(y, m - 1, d))
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined
    return new Date(Date.UTC(y, m - 1, d + 1) - 7 * 3600_000 - 1).toISOString()
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

export const asOfQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    asOf: {
      type: 'string',
      description: 'Answer as the hub knew the record then: a date-time with zone, or a date ' +
        '(the end of that day, Vietnam time).',
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$'
    }
  }
} as const
