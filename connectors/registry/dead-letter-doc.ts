// A dead letter as kept in the store for listing and replay: the message as it was rejected, why,
// and where it came from: the topic, partition and offset a consumer group read it at, or, for a
// raw record a connector refused before publishing, the connector, stream and source key. The
// archiver gives it its rejection's identity as id (consumers/dead-letters/letter-identity.ts).
// Dead letters travel as CloudEvents; one that wraps what was rejected (a raw record, a message
// that was no CloudEvent) is unwrapped here, so `value` is what was rejected and replays as such.
import { createHash } from 'node:crypto'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import type { StoredDoc } from '../../infra/ports/store.js'
import { CONTENT_TYPE_HEADER, unwrapDeadLetterValue, WRAPPED_HEADER } from '../../infra/ports/cloud-event-message.js'

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
  /** Set when an operator discarded the letter (connectors/registry/dead-letter-discard.ts). */
  discardedAt?: string
  discardReason?: string
  discardedBy?: string
}

export interface DeadLetterOrigin {
  topic?: string
  partition?: number
  offset?: string
  connector?: string
  stream?: string
  sourceKey?: string
  file?: string
  line?: number
}

export const deadLetterId = (m: Pick<ConsumedMessage, 'topic' | 'partition' | 'offset'>): string =>
  createHash('sha256').update(`${m.topic}|${m.partition}|${m.offset}`).digest('base64url').slice(0, 32)

export function toDeadLetterDoc (m: ConsumedMessage): DeadLetterDoc {
  const group = m.topic.replace(/^dlq\./, '')
  const h = m.headers
  const wrapped = h[WRAPPED_HEADER] !== undefined
  // A wrapper's content type is the dead letter's own, not the rejected message's.
  const headers = Object.fromEntries(Object.entries(h).filter(([k]) => !k.startsWith('lt-dlq-') && !(wrapped && k === CONTENT_TYPE_HEADER)))
  const value = unwrapDeadLetterValue(m.value, h)
  return {
    _id: deadLetterId(m), version: 1, group, connector: connectorOf(group, value),
    code: h['lt-dlq-code'] ?? 'LT_ERR_UNKNOWN', reason: h['lt-dlq-reason'] ?? '',
    origin: originOf(h), dlq: { topic: m.topic, partition: m.partition, offset: m.offset },
    key: m.key, value, headers, deadAt: new Date(m.timestamp).toISOString(), state: 'open', replays: 0
  }
}

/** Where a letter came from, from its headers; letters older hubs wrote named `<connector>:source`. */
export function originOf (h: Record<string, string>): DeadLetterOrigin {
  const origin: DeadLetterOrigin = {}
  const legacy = /^([a-z0-9-]+):(source|file)$/.exec(h['lt-dlq-origin-topic'] ?? '')
  if (legacy !== null) origin.connector = legacy[1]
  else if (h['lt-dlq-origin-topic'] !== undefined) origin.topic = h['lt-dlq-origin-topic']
  if (h['lt-dlq-origin-partition'] !== undefined) origin.partition = Number(h['lt-dlq-origin-partition'])
  if (h['lt-dlq-origin-offset'] !== undefined) origin.offset = h['lt-dlq-origin-offset']
  if (h['lt-dlq-origin-connector'] !== undefined) origin.connector = h['lt-dlq-origin-connector']
  if (h['lt-dlq-stream'] !== undefined) origin.stream = h['lt-dlq-stream']
  if (h['lt-dlq-origin-source-key'] !== undefined) origin.sourceKey = h['lt-dlq-origin-source-key']
  if (h['lt-dlq-file'] !== undefined) origin.file = h['lt-dlq-file']
  if (h['lt-dlq-line'] !== undefined) origin.line = Number(h['lt-dlq-line'])
  if (origin.topic === undefined && origin.connector === undefined) origin.topic = 'unknown'
  return origin
}

/** The connector a letter belongs to: from the group, else from the event it carries. */
function connectorOf (group: string, value: string): string {
  if (group.startsWith('connector.')) return group.slice('connector.'.length)
  try {
    const v = JSON.parse(value) as { connectorid?: unknown, connector?: { id?: unknown }, source?: { connector?: unknown }, data?: { source?: { connector?: unknown } } }
    // Source events (current and older envelope), canonical events (older, then current envelope).
    const id = v?.connectorid ?? v?.connector?.id ?? v?.source?.connector ?? v?.data?.source?.connector
    return typeof id === 'string' ? id : 'unknown'
  } catch { return 'unknown' }
}
