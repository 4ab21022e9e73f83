// Declared success bodies of the dead-letter routes (operators/dead-letters.ts): the fields of a
// DeadLetterDoc (infra/event-log/dead-letter-doc.ts) an operator may see. The serializer drops whatever a
// schema leaves out: a letter's value and headers (they may hold personal data) stay out.
const time = { type: 'string', format: 'date-time' } as const
const count = { type: 'integer', minimum: 0 } as const

const deadLetterExample = {
  _id: 'q2JmX0c3b1ZrT2lQbWp4dUhYd1pBQ2Rr',
  group: 'connector.tro-cap-xa-hoi',
  connector: 'tro-cap-xa-hoi',
  code: 'LT_ERR_RAW_SCHEMA',
  reason: '/so_dinh_danh: must be 12 digits, got 11 characters',
  origin: { connector: 'tro-cap-xa-hoi', stream: 'beneficiaries', sourceKey: 'BTXH-0002' },
  dlq: { topic: 'dlq.connector.tro-cap-xa-hoi', partition: 0, offset: '41' },
  key: 'BTXH-0002',
  deadAt: '2026-03-01T08:00:03.000Z',
  state: 'open',
  replays: 0
}

/** A dead letter without the message itself (value and headers may hold personal data). */
export const deadLetterSchema = {
  $id: 'DeadLetter',
  title: 'DeadLetter',
  description: 'A dead letter: why and where it was rejected. The message itself is left out (it may hold ' +
    'personal data).',
  type: 'object',
  required: ['_id', 'group', 'connector', 'code', 'reason', 'origin', 'dlq', 'key', 'deadAt', 'state', 'replays'],
  properties: {
    _id: { type: 'string', description: 'Use it in POST /v1/dead-letters/{id}/replay.' },
    group: { type: 'string', description: 'Who rejected it: normalizer, merger, or connector.<id> for raw records.' },
    connector: { type: 'string', description: '`unknown` when the message names none.' },
    code: { type: 'string', description: 'An LT_ERR_ code.' },
    reason: { type: 'string' },
    origin: {
      type: 'object',
      description: 'Where it came from: the topic, partition and offset a consumer group read it at; or, for a raw ' +
        'record a connector refused before publishing, the connector, stream and source key (masked like `key`), ' +
        'with file and line for a file import.',
      properties: {
        topic: { type: 'string' }, partition: { type: 'integer' }, offset: { type: 'string' },
        connector: { type: 'string' }, stream: { type: 'string' }, sourceKey: { type: 'string' },
        file: { type: 'string' }, line: { type: 'integer' }
      }
    },
    dlq: {
      type: 'object',
      required: ['topic', 'partition', 'offset'],
      properties: { topic: { type: 'string' }, partition: { type: 'integer' }, offset: { type: 'string' } }
    },
    key: {
      type: 'string',
      description: 'The message key, with runs of nine or more digits (personal ids, CMND, card numbers) masked, ' +
        'e.g. 092******234.'
    },
    deadAt: time,
    state: { type: 'string', enum: ['open', 'replayed', 'discarded'] },
    replays: count,
    replayedAt: { ...time, description: 'The last replay.' },
    discardedAt: { ...time, description: 'When an operator discarded it (the operator console).' },
    discardReason: { type: 'string' },
    discardedBy: { type: 'string' }
  },
  examples: [deadLetterExample]
} as const

export const deadLetterPageResponse = {
  type: 'object',
  description: 'Dead letters, newest first.',
  required: ['data', 'next'],
  properties: {
    data: { type: 'array', items: { $ref: 'DeadLetter#' } },
    next: { type: ['string', 'null'], description: 'Pass as `after` for the next page; null on the last.' }
  },
  examples: [{ data: [deadLetterExample], next: null }]
} as const
