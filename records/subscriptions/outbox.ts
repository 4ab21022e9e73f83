// Each subscription's durable queue: the deliveries the fan-out derived for it, numbered by a
// per-subscription sequence, and two counters, the next number to hand out and the last one
// delivered (the position a resume continues from). Delivered items are deleted; refused ones
// move to the subscription's dead letters, from where a replay queues them again at the end.
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import type { CloudEventBase } from '../../infra/ports/cloud-event-message.js'

export interface OutboxItem extends StoredDoc {
  subscriptionId: string
  seq: number
  /** webhook-id: equal on every attempt and every replay of this delivery. */
  webhookId: string
  entity: string
  entityId: string
  event: CloudEventBase
  /** Personal ids whose data the delivery carries, for the audit entry and the access log. */
  subjects: string[]
  /** Field paths the delivery carries. */
  fields: string[]
  createdAt: string
}

export interface DeadDelivery extends OutboxItem { reason: string, failedAt: string, attempts: number }

const OUTBOX = 'subscription_outbox'
const CURSORS = 'subscription_cursors'
const DEAD = 'subscription_dead_letters'
export const itemId = (subscriptionId: string, seq: number): string =>
  `${subscriptionId}:${String(seq).padStart(12, '0')}`

async function counter (store: Store, id: string): Promise<{ value: number, version: number | null }> {
  const doc = await store.get(CURSORS, id)
  return doc === undefined ? { value: 0, version: null } : { value: doc.value as number, version: doc.version }
}

/** Reserves `count` numbers for a subscription; returns the first. Safe against concurrent fan-outs. */
export async function reserve (store: Store, subscriptionId: string, count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { value, version } = await counter(store, `${subscriptionId}:next`)
    const doc = { _id: `${subscriptionId}:next`, version: (version ?? 0) + 1, value: value + count }
    const { applied } = await store.bulkUpsert(CURSORS, [{ doc, expectedVersion: version }])
    if (applied.length === 1) return value + 1
  }
  throw new Error(`sequence of ${subscriptionId} kept moving under concurrent writers`)
}

/** Idempotent: an item already queued (a redelivered batch) stays as it was. */
export async function enqueue (store: Store, items: OutboxItem[]): Promise<void> {
  if (items.length > 0) await store.bulkUpsert(OUTBOX, items.map(doc => ({ doc, expectedVersion: null })))
}

export async function delivered (store: Store, subscriptionId: string): Promise<number> {
  return (await counter(store, `${subscriptionId}:delivered`)).value
}

/** The next items after the delivered position, in sequence order. */
export async function pending (store: Store, subscriptionId: string, limit: number): Promise<OutboxItem[]> {
  return (await next(store, subscriptionId, limit)).items
}

/** The delivered position and the items after it. */
export async function next (
  store: Store, subscriptionId: string, limit: number
): Promise<{ position: number, items: OutboxItem[] }> {
  const position = await delivered(store, subscriptionId)
  const items = await store.find(OUTBOX, {
    where: { subscriptionId },
    orderBy: { field: 'seq' },
    limit,
    after: { value: position, id: itemId(subscriptionId, position) }
  }) as OutboxItem[]
  return { position, items }
}

/**
 * The items that may go now: those that follow the position without a gap. Two fan-out members
 * (Kafka) reserve numbers before they write their items, so a later number can be stored before
 * an earlier one: delivering it would move the position past the earlier one for good. A gap older
 * than `graceMs` is a reservation whose writer died before writing: it is skipped.
 */
export function contiguous (position: number, items: OutboxItem[], graceMs: number, now = Date.now()): OutboxItem[] {
  const out: OutboxItem[] = []
  let expected = position + 1
  for (const item of items) {
    if (item.seq !== expected && now - Date.parse(item.createdAt) < graceMs) break
    out.push(item)
    expected = item.seq + 1
  }
  return out
}

export interface Position { value: number, version: number | null }

/**
 * Moves the stored position to `seq`; the only writer is the subscription's one deliverer (the
 * lease), which passes the position it wrote last to save a read. Returns the new position.
 */
export async function advance (store: Store, subscriptionId: string, seq: number, known?: Position): Promise<Position> {
  const id = `${subscriptionId}:delivered`
  for (let attempt = 0; attempt < 3; attempt++) {
    const { value, version } = attempt === 0 && known !== undefined ? known : await counter(store, id)
    if (seq <= value) return { value, version }
    const next = (version ?? 0) + 1
    const doc = { _id: id, version: next, value: seq }
    const { applied } = await store.bulkUpsert(CURSORS, [{ doc, expectedVersion: version }])
    if (applied.length === 1) return { value: seq, version: next }
  }
  throw new Error(`the position of ${subscriptionId} kept moving under another writer`)
}

/** Drops delivered items (the position already says they are done). */
export async function dropItems (store: Store, subscriptionId: string, seqs: number[]): Promise<void> {
  if (seqs.length > 0) await store.deleteMany(OUTBOX, seqs.map(seq => itemId(subscriptionId, seq)))
}

/** Moves the position past `seq`, then drops the item. */
export async function markDelivered (store: Store, subscriptionId: string, seq: number): Promise<void> {
  await advance(store, subscriptionId, seq)
  await dropItems(store, subscriptionId, [seq])
}

export async function moveToDeadLetters (
  store: Store, item: OutboxItem, reason: string, attempts: number, now = new Date()
): Promise<void> {
  const dead: DeadDelivery = { ...item, version: 1, reason, attempts, failedAt: now.toISOString() }
  await store.bulkUpsert(DEAD, [{ doc: dead, expectedVersion: null }])
  await markDelivered(store, item.subscriptionId, item.seq)
}

export async function listDeadDeliveries (store: Store, subscriptionId: string, limit = 100): Promise<DeadDelivery[]> {
  return await store.find(DEAD, { where: { subscriptionId }, orderBy: { field: 'seq' }, limit }) as DeadDelivery[]
}

/**
 * Queues a dead delivery again at the end of the subscription's queue, with the same webhook-id.
 * It may then arrive after a newer change of the same record: the body's `data.version` orders them.
 */
export async function replayDeadDelivery (
  store: Store, subscriptionId: string, seq: number
): Promise<OutboxItem | undefined> {
  const dead = await store.get(DEAD, itemId(subscriptionId, seq)) as DeadDelivery | undefined
  if (dead === undefined) return undefined
  const { reason: _r, failedAt: _f, attempts: _a, ...item } = dead
  const next = await reserve(store, subscriptionId, 1)
  const queued: OutboxItem = { ...item, _id: itemId(subscriptionId, next), version: 1, seq: next }
  await enqueue(store, [queued])
  await store.deleteMany(DEAD, [dead._id])
  return queued
}

/** Everything a deleted subscription left behind. */
export async function purge (store: Store, subscriptionId: string): Promise<void> {
  for (const collection of [OUTBOX, DEAD] as const) {
    for (;;) {
      const docs = await store.find(collection, { where: { subscriptionId }, orderBy: { field: '_id' }, limit: 1000 })
      if (docs.length === 0) break
      await store.deleteMany(collection, docs.map(d => d._id))
    }
  }
  await store.deleteMany(CURSORS, [`${subscriptionId}:next`, `${subscriptionId}:delivered`, `${subscriptionId}:lease`])
}

/**
 * One deliverer per subscription across processes (several consumers-role processes on Kafka):
 * a lease in the cursors collection, taken when free or expired and renewed by its holder. Two
 * deliverers would still deliver at least once, but could break per-record order.
 */
export async function holdLease (
  store: Store, subscriptionId: string, owner: string, ms: number, now = Date.now()
): Promise<boolean> {
  const id = `${subscriptionId}:lease`
  const doc = await store.get(CURSORS, id)
  if (doc !== undefined && doc.owner !== owner && (doc.until as number) > now) return false
  const next = { _id: id, version: (doc?.version ?? 0) + 1, owner, until: now + ms }
  const { applied } = await store.bulkUpsert(CURSORS, [{ doc: next, expectedVersion: doc?.version ?? null }])
  return applied.length === 1
}

export async function releaseLease (store: Store, subscriptionId: string, owner: string): Promise<void> {
  const id = `${subscriptionId}:lease`
  const doc = await store.get(CURSORS, id)
  if (doc?.owner !== owner) return
  const free = { _id: id, version: doc.version + 1, owner: '', until: 0 }
  await store.bulkUpsert(CURSORS, [{ doc: free, expectedVersion: doc.version }])
}
