// Subscriptions as data in the 'subscriptions' collection: who subscribed (client), to which
// entity, under which purpose, with which optional field list and filter, where to deliver, and
// the delivery state (active, or paused by the client or by delivery failures, with the reason).
// Secrets are kept as they are (an HMAC key must be known to sign); the API shows one only once.
import { randomBytes } from 'node:crypto'
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { ChangeKind } from './change-event.js'
import { newSecret } from './standard-webhooks.js'

export interface SubscriptionFilter { wardCode?: string, kinds?: ChangeKind[] }
export interface SubscriptionSecret { secret: string, createdAt: string, expiresAt?: string }
export type SubscriptionStatus = 'active' | 'paused'

export interface SubscriptionDoc extends StoredDoc {
  clientId: string
  entity: CanonicalEntity
  purpose: string
  url: string
  /** Narrows the grant; absent: every granted field. */
  fields?: string[]
  filter: SubscriptionFilter
  description?: string
  status: SubscriptionStatus
  /** Who paused it ('client' or 'delivery') and why. */
  pausedBy?: 'client' | 'delivery'
  pauseReason?: string
  pausedAt?: string
  secrets: SubscriptionSecret[]
  createdAt: string
  updatedAt: string
}

export type SubscriptionInput =
  Pick<SubscriptionDoc, 'clientId' | 'entity' | 'purpose' | 'url' | 'fields' | 'filter' | 'description'>

const COLLECTION = 'subscriptions'
export const subscriptionIdPattern = '^sub_[A-Za-z0-9_-]{16,40}$'
const newId = (): string => `sub_${randomBytes(12).toString('base64url')}`

export async function createSubscription (
  store: Store, input: SubscriptionInput, now = new Date()
): Promise<SubscriptionDoc> {
  const at = now.toISOString()
  const doc: SubscriptionDoc = {
    ...dropUndefined(input), _id: newId(), version: 1, status: 'active',
    secrets: [{ secret: newSecret(), createdAt: at }], createdAt: at, updatedAt: at
  }
  const { applied } = await store.bulkUpsert(COLLECTION, [{ doc, expectedVersion: null }])
  if (applied.length !== 1) throw new Error('subscription id collision')
  return doc
}

export async function getSubscription (store: Store, id: string): Promise<SubscriptionDoc | undefined> {
  return await store.get(COLLECTION, id) as SubscriptionDoc | undefined
}

/** One client's subscriptions, or every one (clientId undefined: operators, the notifier). */
export async function listSubscriptions (store: Store, clientId?: string): Promise<SubscriptionDoc[]> {
  const out: SubscriptionDoc[] = []
  let after: { value: string, id: string } | undefined
  for (;;) {
    const page = await store.find(COLLECTION, {
      ...(clientId !== undefined ? { where: { clientId } } : {}),
      orderBy: { field: '_id' },
      limit: 1000,
      ...(after !== undefined ? { after } : {})
    }) as SubscriptionDoc[]
    out.push(...page)
    if (page.length < 1000) return out
    after = { value: page[page.length - 1]._id, id: page[page.length - 1]._id }
  }
}

/** Applies `change` to the stored subscription with optimistic concurrency; undefined when it is gone. */
export async function updateSubscription (
  store: Store, id: string, change: (doc: SubscriptionDoc) => SubscriptionDoc, now = new Date()
): Promise<SubscriptionDoc | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getSubscription(store, id)
    if (current === undefined) return undefined
    const changed = dropUndefined(change(structuredClone(current)))
    const next = { ...changed, _id: id, version: current.version + 1, updatedAt: now.toISOString() } as SubscriptionDoc
    const { applied } = await store.bulkUpsert(COLLECTION, [{ doc: next, expectedVersion: current.version }])
    if (applied.length === 1) return next
  }
  throw new Error('subscription kept changing under a concurrent writer')
}

export async function deleteSubscription (store: Store, id: string): Promise<boolean> {
  return await store.deleteMany(COLLECTION, [id]) === 1
}

/** Secrets that sign now: the newest, and a rotated one until its overlap ends. */
export const liveSecrets = (doc: SubscriptionDoc, now = new Date()): string[] =>
  doc.secrets.filter(s => s.expiresAt === undefined || s.expiresAt > now.toISOString()).map(s => s.secret)

/** Live secrets at most: rotating again within an overlap drops the oldest one still signing. */
export const MAX_LIVE_SECRETS = 3

/** A new secret; the ones before it sign too until `overlapSeconds` from now. */
export function rotateSecret (doc: SubscriptionDoc, overlapSeconds: number, now = new Date()): SubscriptionDoc {
  const until = new Date(now.getTime() + overlapSeconds * 1000).toISOString()
  const kept = doc.secrets.filter(s => s.expiresAt === undefined || s.expiresAt > now.toISOString())
    .map(s => ({ ...s, expiresAt: s.expiresAt !== undefined && s.expiresAt < until ? s.expiresAt : until }))
    .slice(-(MAX_LIVE_SECRETS - 1))
  return { ...doc, secrets: [...kept, { secret: newSecret(), createdAt: now.toISOString() }] }
}

/** What the API shows of a subscription: everything but the secrets. */
export function subscriptionView (doc: SubscriptionDoc): Record<string, unknown> {
  const { _id, version: _v, secrets, ...rest } = doc
  return { id: _id, ...rest, secretsValidUntil: secrets.map(s => s.expiresAt ?? null) }
}

function dropUndefined<T extends object> (value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
