// What `lienthong load` counts, from the event log and the store: messages in topics, documents in
// collections. Counts are taken the same way on both engines (see countMessages).
import type { EventLog } from '../../infra/ports/event-log.js'
import { deadLetterTopic } from '../../infra/event-log/dead-letters.js'
import { MAX_FIND_LIMIT, type CollectionName, type Store } from '../../infra/ports/store.js'
import { builtInConnectors } from '../../connectors/built-in.js'
import { connectorDeadLetterGroup, rawTopic } from '../../connectors/contract.js'
import { canonicalEntities, canonicalTopic } from '../../schemas/canonical-event.js'
import { MERGER_GROUP } from '../../consumers/merger/merger.js'
import { NORMALIZER_GROUP } from '../../consumers/normalizer/normalizer.js'

export const rawTopics = (): string[] => builtInConnectors.map(c => rawTopic(c.manifest.id))
export const loadCanonicalTopics = (): string[] => canonicalEntities.map(canonicalTopic)
export const deadLetterTopics = (): string[] => [
  ...builtInConnectors.map(c => deadLetterTopic(connectorDeadLetterGroup(c.manifest.id))),
  deadLetterTopic(NORMALIZER_GROUP),
  deadLetterTopic(MERGER_GROUP)
]

/** A group that never reads: its lag is the number of messages in the topics, on either event log. */
const COUNTER_GROUP = 'lienthong-load.counter'

export async function lagOf (eventLog: EventLog, group: string, topics: string[]): Promise<number> {
  if (eventLog.groupLag === undefined) {
    throw new Error(`the ${eventLog.kind} event log cannot report a consumer group's lag`)
  }
  return await eventLog.groupLag(group, topics)
}

/** Messages in the topics; a topic not created yet holds none. */
export async function countMessages (eventLog: EventLog, topics: string[]): Promise<number> {
  let n = 0
  for (const topic of topics) n += await lagOf(eventLog, COUNTER_GROUP, [topic]).catch(() => 0)
  return n
}

export async function countDocuments (store: Store, collection: CollectionName): Promise<number> {
  let n = 0
  let after: { value: string, id: string } | undefined
  for (;;) {
    const page = await store.find(collection, { orderBy: { field: '_id' }, after, limit: MAX_FIND_LIMIT })
    n += page.length
    if (page.length < MAX_FIND_LIMIT) return n
    const last = page[page.length - 1]._id
    after = { value: last, id: last }
  }
}
