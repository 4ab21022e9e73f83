// A dead letter as kept in the store for listing and replay: the message as it was rejected, why,
// and where it came from. The id derives from the dead-letter topic position, so archiving the
// same message twice (a redelivered batch) writes one document.
import { createHash } from 'node:crypto'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import type { StoredDoc } from '../../infra/ports/store.js'

export interface DeadLetterDoc extends StoredDoc {
  /** Consumer group that rejected it ('normalizer', 'merger') or 'connector.<id>' for raw records. */
  group: string
  connector: string
  code: string
  reason: string
  origin: { topic: string, partition?: number, offset?: string, stream?: string }
  dlq: { topic: string, partition: number, offset: string }
  key: string
  value: string
  headers: Record<string, string>
  deadAt: string
  state: 'open' | 'replayed'
  replays: number
  replayedAt?: string
}

export const deadLetterId = (m: Pick<ConsumedMessage, 'topic' | 'partition' | 'offset'>): string =>
  createHash('sha256').update(`${m.topic}|${m.partition}|${m.offset}`).digest('base64url').slice(0, 32)

export function toDeadLetterDoc (m: ConsumedMessage): DeadLetterDoc {
  const group = m.topic.replace(/^dlq\./, '')
  const h = m.headers
  const headers = Object.fromEntries(Object.entries(h).filter(([k]) => !k.startsWith('lt-dlq-')))
  const origin: DeadLetterDoc['origin'] = { topic: h['lt-dlq-origin-topic'] ?? 'unknown' }
  if (h['lt-dlq-origin-partition'] !== undefined) origin.partition = Number(h['lt-dlq-origin-partition'])
  if (h['lt-dlq-origin-offset'] !== undefined) origin.offset = h['lt-dlq-origin-offset']
  if (h['lt-dlq-stream'] !== undefined) origin.stream = h['lt-dlq-stream']
  return {
    _id: deadLetterId(m), version: 1, group, connector: connectorOf(group, m.value),
    code: h['lt-dlq-code'] ?? 'LT_ERR_UNKNOWN', reason: h['lt-dlq-reason'] ?? '',
    origin, dlq: { topic: m.topic, partition: m.partition, offset: m.offset },
    key: m.key, value: m.value, headers, deadAt: new Date(m.timestamp).toISOString(), state: 'open', replays: 0
  }
}

/** The connector a letter belongs to: from the group, else from the event it carries. */
function connectorOf (group: string, value: string): string {
  if (group.startsWith('connector.')) return group.slice('connector.'.length)
  try {
    const v = JSON.parse(value) as { connector?: { id?: unknown }, source?: { connector?: unknown } }
    const id = v?.connector?.id ?? v?.source?.connector
    return typeof id === 'string' ? id : 'unknown'
  } catch { return 'unknown' }
}
