// The notifier's consumer group on `changes.<entity>`: each change, for each subscription to its
// entity (active or paused: a paused one keeps queuing so its resume misses nothing), becomes an
// item in that subscription's outbox if the subscription may receive it (delivery-for.ts). The
// group commits only after the outboxes hold the batch, and it never waits on a subscriber: HTTP
// happens in the deliverers, one per subscription.
import type { Logger } from 'pino'
import type { ConsumedMessage, EventLog, Subscription } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { canonicalEntities } from '../../schemas/canonical-event.js'
import { changesTopic, type RecordChange } from '../../records/subscriptions/change-event.js'
import { listSubscriptions, type SubscriptionDoc } from '../../records/subscriptions/subscription-store.js'
import { enqueue, itemId, reserve, type OutboxItem } from '../../records/subscriptions/outbox.js'
import { deliveryFor } from './delivery-for.js'
import type { NotifierAccess } from './access-port.js'

export const NOTIFIER_GROUP = 'notifier'
export const changesTopics = (): string[] => canonicalEntities.map(changesTopic)

export interface FanOutOptions {
  eventLog: EventLog
  store: Store
  logger: Logger
  access: NotifierAccess
  batchSize: number
  maxAttempts: number
  /** Told which subscriptions got new items, so their deliverers start at once. */
  onQueued?: (subscriptionIds: string[]) => void
  onFatal?: (err: Error) => void
}

/** A change with when the log accepted it. */
export interface LoggedChange { change: RecordChange, at: number }

function readChange (message: ConsumedMessage): LoggedChange | undefined {
  try {
    const data = (JSON.parse(message.value) as { data?: RecordChange }).data
    const ok = data !== undefined && typeof data.entityId === 'string' && Array.isArray(data.changed)
    return ok ? { change: data, at: message.timestamp } : undefined
  } catch { return undefined }
}

/** Queues each change for each subscription that may receive it; returns the subscriptions that got items. */
type Queued = Pick<OutboxItem,
  'version' | 'subscriptionId' | 'entity' | 'entityId' | 'createdAt' | 'webhookId' | 'event' | 'subjects' | 'fields'>

export async function fanOut (
  store: Store, access: NotifierAccess, changes: LoggedChange[], subscriptions: SubscriptionDoc[], now = new Date()
): Promise<string[]> {
  const bySub = new Map<string, Queued[]>()
  for (const { change, at } of changes) {
    for (const sub of subscriptions) {
      // A subscription receives the changes logged from its creation on, not the log's past.
      if (sub.entity !== change.entity || at < Date.parse(sub.createdAt)) continue
      const granted = await access.fieldsFor(sub.clientId, sub.purpose, sub.entity)
      const delivery = deliveryFor(sub, change, granted, access.project)
      if (delivery === undefined) continue
      const items = bySub.get(sub._id) ?? []
      bySub.set(sub._id, items)
      const { entity, entityId } = change
      items.push({ version: 1, subscriptionId: sub._id, entity, entityId, createdAt: now.toISOString(), ...delivery })
    }
  }
  for (const [subscriptionId, items] of bySub) {
    const first = await reserve(store, subscriptionId, items.length)
    await enqueue(store, items.map((item, i): OutboxItem =>
      ({ ...item, _id: itemId(subscriptionId, first + i), seq: first + i })))
  }
  return [...bySub.keys()]
}

export async function startChangeFanOut (
  { eventLog, store, logger, access, batchSize, maxAttempts, onQueued, onFatal }: FanOutOptions
): Promise<Subscription> {
  const log = logger.child({ consumer: NOTIFIER_GROUP })
  return await eventLog.subscribe({
    group: NOTIFIER_GROUP,
    topics: changesTopics(),
    maxBatchSize: batchSize,
    maxAttempts,
    // From the beginning, so a new group misses nothing; fanOut skips changes older than a subscription.
    fromBeginning: true,
    handler: async messages => {
      const changes = messages.map(readChange).filter((c): c is LoggedChange => c !== undefined)
      const skipped = messages.length - changes.length
      if (skipped > 0) log.warn({ skipped }, 'change messages without a change skipped')
      if (changes.length === 0) return
      const subscriptions = await listSubscriptions(store)
      if (subscriptions.length === 0) return
      const queued = await fanOut(store, access, changes, subscriptions)
      if (queued.length === 0) return
      log.debug({ subscriptions: queued.length, changes: changes.length }, 'changes queued')
      onQueued?.(queued)
    },
    onFatal: err => { log.error({ err }, 'notifier fan-out stopped after repeated failures'); onFatal?.(err) }
  })
}
