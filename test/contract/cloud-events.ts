// Checks messages the way an integrator's consumer would: through the official CloudEvents SDK's
// Kafka protocol binding, with strict validation (attribute and extension names, extension value
// types, the v1 schema). Used by the CloudEvents scenario on every topic of a pipeline run.
import { CloudEvent, Kafka } from 'cloudevents'
import type { ConsumedMessage, EventLog } from '../../infra/ports/event-log.js'
import { uniqueName, waitFor } from '../helpers/wait-for.js'

const TYPE_BY_TOPIC: Array<[RegExp, RegExp]> = [
  [/^source\./, /^vn\.lienthong\.[a-z0-9-]+\.(created|updated|deleted|read)$/],
  [/^canonical\./, /^vn\.lienthong\.[a-z0-9-]+\.(upserted|deleted)$/],
  [/^dlq\./, /^vn\.lienthong\.[a-z0-9.-]+$/]
]

/** What the SDK (or the type naming rule) says is wrong with a message; empty when it is a valid CloudEvent. */
export function cloudEventProblem (m: ConsumedMessage): string | undefined {
  const where = `${m.topic}@${m.partition}:${m.offset}`
  try {
    const parsed = Kafka.toEvent({ key: m.key, value: m.value, headers: m.headers, body: m.value,
      timestamp: String(m.timestamp) } as never)
    if (Array.isArray(parsed)) return `${where}: a batch, not one event`
    const strict = new CloudEvent({ ...parsed }, true)
    const rule = TYPE_BY_TOPIC.find(([topic]) => topic.test(m.topic))?.[1]
    if (rule !== undefined && !rule.test(strict.type)) return `${where}: type ${strict.type} does not name the event`
    if (m.topic.startsWith('canonical.') && strict.subject !== m.key) return `${where}: subject is not the message key`
    return undefined
  } catch (err) {
    const e = err as Error & { errors?: unknown }
    return `${where}: ${e.message}${e.errors !== undefined ? ` ${JSON.stringify(e.errors).slice(0, 300)}` : ''}`
  }
}

/** Every message the topics hold now, read with a group of its own from the beginning. */
export async function readEveryMessage (eventLog: EventLog, topics: string[],
  timeoutMs: number): Promise<ConsumedMessage[]> {
  const ends = await eventLog.lastOffsets(topics)
  const seen = new Map<string, bigint>()
  const messages: ConsumedMessage[] = []
  const sub = await eventLog.subscribe({
    group: uniqueName('ce-contract'),
    topics,
    handler: async batch => {
      messages.push(...batch)
      for (const m of batch) seen.set(`${m.topic}|${m.partition}`, BigInt(m.offset))
    }
  })
  try {
    await waitFor(() => ends.every(e => e.lastOffset === null
      || (seen.get(`${e.topic}|${e.partition}`) ?? -1n) >= BigInt(e.lastOffset)),
      { what: 'every message of every topic', timeoutMs })
  } finally { await sub.stop() }
  return messages
}
