// An event log that times every call of the one it wraps (lt_event_log_call_duration_seconds) and
// watches what flows through it: messages each consumer group committed, messages sent to
// dead-letter topics (by connector), and the position each group reached per partition, from which
// consumerLag() computes the lag against the log's end on scrape. The port has no "committed
// offset" call, so the lag is known for the groups running in this process, from their first batch.
import type { BatchHandler, EventLog, OutgoingMessage, SubscribeOptions } from '../ports/event-log.js'
import { secondsSince, type HubMetrics } from './metrics.js'
import { groupOfDeadLetterTopic, isDeadLetterTopic } from '../event-log/dead-letters.js'

export interface GroupLag { group: string, topic: string, lag: number }

export interface WatchedEventLog extends EventLog {
  /** Messages behind the log's end, per group and topic, for the partitions whose position is known. */
  consumerLag: () => Promise<GroupLag[]>
}

/** Names the connector and group a dead letter belongs to (the archiver's reading, given by the wiring). */
export type DeadLetterOwner = (topic: string, message: OutgoingMessage) => { connector: string, group: string }

const byTopic: DeadLetterOwner = topic => ({ connector: 'unknown', group: groupOfDeadLetterTopic(topic) })

export function timedEventLog (
  inner: EventLog, metrics: HubMetrics, ownerOf: DeadLetterOwner = byTopic
): WatchedEventLog {
  // group -> topic -> partition -> last committed offset
  const positions = new Map<string, Map<string, Map<number, bigint>>>()

  async function timed<T> (operation: string, call: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint()
    let outcome = 'error'
    try {
      const result = await call()
      outcome = 'ok'
      return result
    } finally {
      metrics.calls.eventLog.observe({ operation, outcome }, secondsSince(start))
    }
  }

  function countDeadLetters (topic: string, messages: OutgoingMessage[]): void {
    if (!isDeadLetterTopic(topic) || messages.length === 0) return
    for (const m of messages) metrics.connector.deadLettered.inc(ownerOf(topic, m))
  }

  function watch ({ group, handler }: SubscribeOptions): BatchHandler {
    return async messages => {
      const start = process.hrtime.bigint()
      try {
        await handler(messages)
      } catch (err) {
        metrics.consumer.batch.observe({ group, outcome: 'error' }, secondsSince(start))
        throw err
      }
      metrics.consumer.batch.observe({ group, outcome: 'ok' }, secondsSince(start))
      const topics = positions.get(group) ?? new Map<string, Map<number, bigint>>()
      positions.set(group, topics)
      for (const m of messages) {
        metrics.consumer.messages.inc({ group, topic: m.topic })
        const partitions = topics.get(m.topic) ?? new Map<number, bigint>()
        topics.set(m.topic, partitions)
        const offset = BigInt(m.offset)
        if (offset > (partitions.get(m.partition) ?? -1n)) partitions.set(m.partition, offset)
      }
    }
  }

  return {
    kind: inner.kind,
    publish: async (topic, messages) => {
      await timed('publish', async () => await inner.publish(topic, messages))
      countDeadLetters(topic, messages)
    },
    subscribe: async options => await timed(
      'subscribe', async () => await inner.subscribe({ ...options, handler: watch(options) })
    ),
    lastOffsets: async topics => await timed('lastOffsets', async () => await inner.lastOffsets(topics)),
    // Optional on the port, but the supervisor's lag and readiness rest on it: a wrapper that
    // dropped it left every restarted consumer "failing" with an unknown lag, for good.
    ...(inner.groupLag !== undefined ? { groupLag: inner.groupLag.bind(inner) } : {}),
    ...(inner.groupPositions !== undefined ? { groupPositions: inner.groupPositions.bind(inner) } : {}),
    ping: async () => await timed('ping', async () => await inner.ping()),
    close: async () => await inner.close(),
    async consumerLag () {
      const topics = [...new Set([...positions.values()].flatMap(t => [...t.keys()]))]
      if (topics.length === 0) return []
      const ends = await inner.lastOffsets(topics)
      const out: GroupLag[] = []
      for (const [group, byTopic] of positions) {
        for (const [topic, partitions] of byTopic) {
          let lag = 0n
          for (const end of ends) {
            const at = partitions.get(end.partition)
            if (end.topic !== topic || end.lastOffset === null || at === undefined) continue
            if (BigInt(end.lastOffset) > at) lag += BigInt(end.lastOffset) - at
          }
          out.push({ group, topic, lag: Number(lag) })
        }
      }
      return out
    }
  }
}
