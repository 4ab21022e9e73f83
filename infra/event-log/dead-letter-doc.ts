// A dead letter as kept in the store for listing and replay: the message as it was rejected, why,
// and where it came from: the topic, partition and offset a consumer group read it at, or, for a
// raw record a connector refused before publishing, the connector, stream and source key. The
// archiver gives it its rejection's identity as id (consumers/dead-letters/letter-identity.ts).
// Dead letters travel as CloudEvents; one that wraps what was rejected (a raw record, a message
// that was no CloudEvent) is unwrapped here, so `value` is what was rejected and replays as such.
import { createHash } from 'node:crypto'
import type { ConsumedMessage } from '../ports/event-log.js'
import type { StoredDoc } from '../ports/store.js'
import { CONTENT_TYPE_HEADER } from '../ports/cloud-event-message.js'
import {
  DEAD_LETTER_HEADER, groupOfDeadLetterTopic, isDeadLetterHeader, isWrapped, originOf, unwrapDeadLetterValue,
  type DeadLetterOrigin
} from './dead-letters.js'

export type { DeadLetterOrigin } from './dead-letters.js'

export interface DeadLetterDoc extends StoredDoc {
  /** Consumer group that rejected it ('normalizer', 'merger') or 'connector.<id>' for raw records. */
  group: string
  connector: string
  code: string
  reason: string
  /** A topic position, or (raw records) connector, stream and source key; file and line for imports. */
  origin: DeadLetterOrigin
  dlq: { topic: string, partition: number, offset: string }
  key: string
  value: string
  headers: Record<string, string>
  deadAt: string
  state: 'open' | 'replayed' | 'discarded'
  replays: number
  replayedAt?: string
  /** Set when an operator discarded the letter (connectors/dead-letters/discard.ts). */
  discardedAt?: string
  discardReason?: string
  discardedBy?: string
}

export const deadLetterId = (m: Pick<ConsumedMessage, 'topic' | 'partition' | 'offset'>): string =>
  createHash('sha256').update(`${m.topic}|${m.partition}|${m.offset}`).digest('base64url').slice(0, 32)

export function toDeadLetterDoc (m: ConsumedMessage): DeadLetterDoc {
  const group = groupOfDeadLetterTopic(m.topic)
  const h = m.headers
  const wrapped = isWrapped(h)
  // A wrapper's content type is the dead letter's own, not the rejected message's.
  const headers = Object.fromEntries(Object.entries(h)
    .filter(([k]) => !isDeadLetterHeader(k) && !(wrapped && k === CONTENT_TYPE_HEADER)))
  const value = unwrapDeadLetterValue(m.value, h)
  return {
    _id: deadLetterId(m), version: 1, group, connector: connectorOf(group, value),
    code: h[DEAD_LETTER_HEADER.code] ?? 'LT_ERR_UNKNOWN', reason: h[DEAD_LETTER_HEADER.reason] ?? '',
    origin: originOf(h), dlq: { topic: m.topic, partition: m.partition, offset: m.offset },
    key: m.key, value, headers, deadAt: new Date(m.timestamp).toISOString(), state: 'open', replays: 0
  }
}

/** The connector a letter belongs to: from the group, else from the event it carries. */
function connectorOf (group: string, value: string): string {
  if (group.startsWith('connector.')) return group.slice('connector.'.length)
  try {
    const v = JSON.parse(value) as {
      connectorid?: unknown, connector?: { id?: unknown }, source?: { connector?: unknown },
      data?: { source?: { connector?: unknown } }
    }
    // Source events (current and older envelope), canonical events (older, then current envelope).
    const id = v?.connectorid ?? v?.connector?.id ?? v?.source?.connector ?? v?.data?.source?.connector
    return typeof id === 'string' ? id : 'unknown'
  } catch { return 'unknown' }
}
