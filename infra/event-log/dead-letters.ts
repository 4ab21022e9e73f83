// Dead letters: what a consumer group or a connector could not take, kept on the `dlq.<group>` topic
// with headers saying why and where it came from. This module owns that envelope (the topic names,
// the `lt-dlq-*` headers, how a rejected message that is no CloudEvent is wrapped), so that every
// writer (consumer groups, connector runners) and every reader (the archiver, a letter's identity,
// the stored dead-letter doc, the metrics) agree on it by construction rather than by copy.
import type { ConsumedMessage, EventLog } from '../ports/event-log.js'
import {
  CLOUDEVENTS_JSON, CONTENT_TYPE_HEADER, digest, isCloudEventJson, structuredMessage
} from '../ports/cloud-event-message.js'

const TOPIC_PREFIX = 'dlq.'

/** Name of the dead-letter topic that belongs to a consumer group. */
export const deadLetterTopic = (group: string): string => `${TOPIC_PREFIX}${group}`

export const isDeadLetterTopic = (topic: string): boolean => topic.startsWith(TOPIC_PREFIX)

/** The group a dead-letter topic belongs to ('normalizer', 'connector.<id>'); other topics as they are. */
export const groupOfDeadLetterTopic = (topic: string): string =>
  isDeadLetterTopic(topic) ? topic.slice(TOPIC_PREFIX.length) : topic

/** The headers a dead letter carries beside the rejected message's own. */
export const DEAD_LETTER_HEADER = {
  reason: 'lt-dlq-reason',
  code: 'lt-dlq-code',
  originTopic: 'lt-dlq-origin-topic',
  originPartition: 'lt-dlq-origin-partition',
  originOffset: 'lt-dlq-origin-offset',
  originConnector: 'lt-dlq-origin-connector',
  stream: 'lt-dlq-stream',
  originSourceKey: 'lt-dlq-origin-source-key',
  file: 'lt-dlq-file',
  line: 'lt-dlq-line',
  /**
   * Set on a dead letter whose value wraps what was rejected: `record` (a raw source record a
   * connector refused) or `message` (a message that was not a CloudEvent). Readers unwrap it.
   */
  wrapped: 'lt-dlq-wrapped'
} as const

/** True for a header this module adds (a replay or the stored letter leaves them out). */
export const isDeadLetterHeader = (name: string): boolean => name.startsWith('lt-dlq-')

/**
 * Where a letter came from: a topic position a consumer group read it at, or, for a raw record a
 * connector refused before publishing, the connector, stream and source key (file and line for
 * imports).
 */
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

export interface DeadLetterHeaders {
  reason: string
  code: string
  origin: DeadLetterOrigin
  wrapped?: 'record' | 'message'
}

/** The `lt-dlq-*` headers of a letter, in a fixed order; absent origin fields are left out. */
export function deadLetterHeaders ({ reason, code, origin, wrapped }: DeadLetterHeaders): Record<string, string> {
  const h = DEAD_LETTER_HEADER
  const headers: Record<string, string> = { [h.reason]: reason, [h.code]: code }
  const put = (name: string, value: string | number | undefined): void => {
    if (value !== undefined) headers[name] = String(value)
  }
  put(h.originTopic, origin.topic)
  put(h.originPartition, origin.partition)
  put(h.originOffset, origin.offset)
  put(h.originConnector, origin.connector)
  put(h.stream, origin.stream)
  put(h.originSourceKey, origin.sourceKey)
  put(h.file, origin.file)
  put(h.line, origin.line)
  put(h.wrapped, wrapped)
  return headers
}

/** Where a letter came from, from its headers; letters older hubs wrote named `<connector>:source`. */
export function originOf (headers: Record<string, string>): DeadLetterOrigin {
  const h = DEAD_LETTER_HEADER
  const origin: DeadLetterOrigin = {}
  const legacy = /^([a-z0-9-]+):(source|file)$/.exec(headers[h.originTopic] ?? '')
  if (legacy !== null) origin.connector = legacy[1]
  else if (headers[h.originTopic] !== undefined) origin.topic = headers[h.originTopic]
  if (headers[h.originPartition] !== undefined) origin.partition = Number(headers[h.originPartition])
  if (headers[h.originOffset] !== undefined) origin.offset = headers[h.originOffset]
  if (headers[h.originConnector] !== undefined) origin.connector = headers[h.originConnector]
  if (headers[h.stream] !== undefined) origin.stream = headers[h.stream]
  if (headers[h.originSourceKey] !== undefined) origin.sourceKey = headers[h.originSourceKey]
  if (headers[h.file] !== undefined) origin.file = headers[h.file]
  if (headers[h.line] !== undefined) origin.line = Number(headers[h.line])
  if (origin.topic === undefined && origin.connector === undefined) origin.topic = 'unknown'
  return origin
}

/** True when the letter's value wraps what was rejected (its content type is then the letter's own). */
export const isWrapped = (headers: Record<string, string>): boolean =>
  headers[DEAD_LETTER_HEADER.wrapped] !== undefined

/** The rejected content a dead letter's value carries: the wrapped original, or the value itself. */
export function unwrapDeadLetterValue (value: string, headers: Record<string, string>): string {
  const kind = headers[DEAD_LETTER_HEADER.wrapped]
  if (kind !== 'record' && kind !== 'message') return value
  try {
    const data = (JSON.parse(value) as { data?: unknown }).data
    if (kind === 'message') return typeof data === 'string' ? data : ''
    return data === null || data === undefined ? '' : JSON.stringify(data)
  } catch { return value }
}

export interface DeadLetter {
  reason: string
  code: string
  message: ConsumedMessage
}

/**
 * Publishes rejected messages with where they came from, so nothing accepted is silently lost. A
 * rejected CloudEvent is kept as it was (a replay sends it back unchanged); anything else (a value
 * that is not JSON, an event in an older envelope) travels as the data of a CloudEvent of type
 * `vn.lienthong.deadletter.message`, so the dead-letter topic holds CloudEvents only.
 */
export async function publishDeadLetters (log: EventLog, group: string, letters: DeadLetter[]): Promise<void> {
  if (letters.length === 0) return
  await log.publish(deadLetterTopic(group), letters.map(({ reason, code, message }) => {
    const origin = { topic: message.topic, partition: message.partition, offset: message.offset }
    const where = deadLetterHeaders({ reason, code, origin })
    // A CloudEvent published without its content type (older publishers) gets it here.
    if (isCloudEventJson(message.value)) {
      const headers = { ...message.headers, ...where, [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON }
      return { key: message.key, value: message.value, headers }
    }
    const { [CONTENT_TYPE_HEADER]: _contentType, ...headers } = message.headers
    return structuredMessage(message.key, {
      specversion: '1.0',
      // Equal for an equal rejected message, wherever and however often it was read.
      id: `${message.topic}:rejected:${digest(`${message.key}\u0000${message.value}`)}`,
      source: `/topics/${message.topic}`,
      type: 'vn.lienthong.deadletter.message',
      ...(message.key !== '' ? { subject: message.key } : {}),
      time: new Date(message.timestamp).toISOString(),
      datacontenttype: 'text/plain',
      data: message.value
    }, { ...headers, ...where, [DEAD_LETTER_HEADER.wrapped]: 'message' })
  }))
}
