// The event-log port: the only way the rest of the hub talks to Kafka or its embedded stand-in.
// Contract (checked by test/contract/event-log.contract.ts against every adapter):
// - publish() writes a batch of keyed messages; it resolves only when the log has them durably.
// - Messages with the same key are delivered in publish order to a group.
// - A group's position moves only after its handler resolved for the whole batch; a batch whose
//   handler threw, or whose process died before that, is delivered again.
// - A handler that keeps failing is retried a bounded number of times, then the subscription stops
//   and reports the failure (nothing is skipped, nothing is committed).
import { CLOUDEVENTS_JSON, CONTENT_TYPE_HEADER, WRAPPED_HEADER, digest, isCloudEventJson, structuredMessage } from './cloud-event-message.js'
import type { OutgoingMessage } from './outgoing-message.js'

export type { OutgoingMessage } from './outgoing-message.js'

export interface ConsumedMessage {
  topic: string
  partition: number
  /** Position within the partition, as a decimal string (Kafka offsets exceed 2^53 in theory). */
  offset: string
  key: string
  value: string
  headers: Record<string, string>
  /** Milliseconds since the epoch when the log accepted the message. */
  timestamp: number
}

export type BatchHandler = (messages: ConsumedMessage[]) => Promise<void>

export interface SubscribeOptions {
  group: string
  topics: string[]
  handler: BatchHandler
  /** Where a group with no committed position starts. Defaults to the beginning. */
  fromBeginning?: boolean
  maxBatchSize?: number
  /** Attempts per batch before the subscription gives up. */
  maxAttempts?: number
  /** Called once when the subscription gives up for good. */
  onFatal?: (err: Error) => void
}

export interface Subscription {
  /** Stops fetching, lets the batch in hand finish (and commit), then resolves. */
  stop: () => Promise<void>
  /** 'running' | 'stopped' | 'failed' */
  state: () => SubscriptionState
}
export interface PartitionEnd { topic: string, partition: number, lastOffset: string | null }

export type SubscriptionState = 'running' | 'stopped' | 'failed'

/**
 * Where a group stands on one partition: its committed position (in the adapter's own notation, to
 * be compared for change only; null before its first commit) and the messages after it.
 */
export interface GroupPosition { topic: string, partition: number, committed: string | null, lag: number }

export interface EventLog {
  readonly kind: 'kafka' | 'embedded'
  publish: (topic: string, messages: OutgoingMessage[]) => Promise<void>
  subscribe: (options: SubscribeOptions) => Promise<Subscription>
  /**
   * The offset of the last message each partition of these topics holds now (null when it holds
   * none), so a replay knows where "now" ends instead of guessing from a quiet period.
   */
  lastOffsets: (topics: string[]) => Promise<PartitionEnd[]>
  /**
   * Messages of these topics the group has not committed yet (its lag). Optional: test doubles
   * may leave it out; readiness then names a stopped consumer without its lag.
   */
  groupLag?: (group: string, topics: string[]) => Promise<number>
  /**
   * The group's committed position and lag on every partition of these topics, so a supervisor can
   * tell a group that makes progress from one that sits still with work waiting (a stall).
   * Optional like groupLag: without it, stalls are not detected.
   */
  groupPositions?: (group: string, topics: string[]) => Promise<GroupPosition[]>
  /** Resolves when the log answers; rejects (within its timeout) when it does not. */
  ping: () => Promise<void>
  close: () => Promise<void>
}

/** Name of the dead-letter topic that belongs to a consumer group. */
export const deadLetterTopic = (group: string): string => `dlq.${group}`

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
    const where = {
      'lt-dlq-reason': reason,
      'lt-dlq-code': code,
      'lt-dlq-origin-topic': message.topic,
      'lt-dlq-origin-partition': String(message.partition),
      'lt-dlq-origin-offset': message.offset
    }
    // A CloudEvent published without its content type (older publishers) gets it here.
    if (isCloudEventJson(message.value)) {
      return { key: message.key, value: message.value, headers: { ...message.headers, ...where, [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON } }
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
    }, { ...headers, ...where, [WRAPPED_HEADER]: 'message' })
  }))
}
