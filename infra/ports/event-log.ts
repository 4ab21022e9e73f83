// The event-log port: the only way the rest of the hub talks to Kafka or its embedded stand-in.
// Contract (checked by test/contract/event-log.contract.ts against every adapter):
// - publish() writes a batch of keyed messages; it resolves only when the log has them durably.
// - Messages with the same key are delivered in publish order to a group.
// - A group's position moves only after its handler resolved for the whole batch; a batch whose
//   handler threw, or whose process died before that, is delivered again.
// - A handler that keeps failing is retried a bounded number of times, then the subscription stops
//   and reports the failure (nothing is skipped, nothing is committed).
// Dead letters (topic names, headers, envelope) live beside the adapters: infra/event-log/dead-letters.ts.
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
