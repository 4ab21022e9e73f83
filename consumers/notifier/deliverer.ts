// Delivery, one worker per active subscription, so a slow or failing receiver delays nobody but
// itself. A worker takes the subscription's queue in order from its durable position, one
// delivery at a time (so per-record order holds), and for each: checks the grant still covers
// it, writes the disclosure to the audit chain (and so the citizens' access logs) before anything
// leaves, signs and posts it. Failures are retried with exponential backoff and jitter; a receiver
// failing for longer than `pauseAfterMs` (or `maxAttempts` times in a row) gets its subscription
// paused with the reason, the position unmoved, so a resume starts with that same delivery.
import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type { Dispatcher } from 'undici'
import type { Store } from '../../infra/ports/store.js'
import { backoffDelay, sleep } from '../../infra/shared/retry.js'
import {
  getSubscription, listSubscriptions, liveSecrets, updateSubscription, type SubscriptionDoc
} from '../../records/subscriptions/subscription-store.js'
import {
  advance, contiguous, dropItems, holdLease, moveToDeadLetters, next, releaseLease, type OutboxItem, type Position
} from '../../records/subscriptions/outbox.js'
import { covered } from './delivery-for.js'
import type { NotifierAccess } from './access-port.js'
import { postWebhook } from './webhook-post.js'

export interface DeliverySettings {
  /** Whole-exchange limit of one attempt. */
  timeoutMs: number
  retryBaseMs: number
  retryMaxMs: number
  /** Failing this long, or this many attempts in a row, pauses the subscription. */
  pauseAfterMs: number
  maxAttempts: number
  /** How often the set of active subscriptions is read again (pause, resume, new, deleted). */
  refreshMs: number
  /** Longest wait for new items when nothing wakes the worker (another process queued them). */
  idleMs: number
  leaseMs: number
  /** How long a gap in a queue's numbers is waited for (outbox.ts, contiguous) before it is skipped. */
  gapGraceMs: number
}

export const defaultDeliverySettings: DeliverySettings = {
  timeoutMs: 10000, retryBaseMs: 500, retryMaxMs: 60000, pauseAfterMs: 15 * 60000, maxAttempts: 30,
  refreshMs: 1000, idleMs: 1000, leaseMs: 15000, gapGraceMs: 30000
}

export interface DeliveryDeps {
  store: Store
  logger: Logger
  access: NotifierAccess
  /** The connectors' SSRF-guarded dispatcher. */
  dispatcher?: Dispatcher
  settings?: Partial<DeliverySettings>
}

export interface Deliveries {
  /** New items for these subscriptions: their workers look now instead of at the next idle tick. */
  wake: (subscriptionIds: string[]) => void
  /** Subscriptions with a running worker in this process. */
  running: () => string[]
  stop: () => Promise<void>
}

interface Worker { stop: AbortController, done: Promise<void>, wake: () => void }

export function startDeliveries (
  { store, logger, access, dispatcher, settings: overrides = {} }: DeliveryDeps
): Deliveries {
  const settings = { ...defaultDeliverySettings, ...overrides }
  const log = logger.child({ component: 'notifier' })
  const owner = randomUUID()
  const workers = new Map<string, Worker>()
  const stopping = new AbortController()

  async function pause (sub: SubscriptionDoc, reason: string): Promise<void> {
    log.warn({ subscription: sub._id, reason }, 'subscription paused by delivery failures')
    const pausedAt = new Date().toISOString()
    await updateSubscription(store, sub._id, d =>
      d.status === 'active' ? { ...d, status: 'paused', pausedBy: 'delivery', pausedAt, pauseReason: reason } : d)
  }

  /** What a worker keeps between deliveries: the subscription as read for this batch, the position it wrote. */
  interface WorkerState { sub: SubscriptionDoc | undefined, position: Position | undefined, delivered: number[] }

  /** Delivers one item; false when the worker must stop (paused, deleted, stopping). */
  async function deliver (
    subscriptionId: string, item: OutboxItem, state: WorkerState, signal: AbortSignal
  ): Promise<boolean> {
    let attempts = 0
    let failingSince: number | undefined
    let audited = false
    for (;;) {
      if (signal.aborted) return false
      // Read once per batch; again before each retry (a pause or a new URL shows then).
      const sub = attempts === 0 && state.sub !== undefined ? state.sub : await getSubscription(store, subscriptionId)
      state.sub = sub
      if (sub === undefined || sub.status !== 'active') return false
      const granted = await access.fieldsFor(sub.clientId, sub.purpose, sub.entity)
      if (granted === undefined || granted.length === 0) {
        await pause(sub, `no grant for purpose '${sub.purpose}' on '${sub.entity}' any more`)
        return false
      }
      // Queued under a wider grant: never sent beyond what the grant covers now.
      const beyond = item.fields.filter(f => !covered(f, granted))
      if (beyond.length > 0) {
        await moveToDeadLetters(store, item, `the grant no longer covers ${beyond.join(', ')}`, attempts)
        state.position = undefined
        return true
      }
      let reason: string
      try {
        if (!audited) {
          const { clientId, purpose } = sub
          await access.audit({
            at: new Date().toISOString(), requestId: item.webhookId, clientId, purpose,
            entity: item.entity, subjects: item.subjects, fields: item.fields
          })
          audited = true
        }
        attempts++
        const outcome = await postWebhook({
          url: sub.url, webhookId: item.webhookId, body: JSON.stringify(item.event), secrets: liveSecrets(sub),
          dispatcher, timeoutMs: settings.timeoutMs, signal
        })
        if (outcome.kind === 'delivered') {
          state.position = await advance(store, subscriptionId, item.seq, state.position)
          state.delivered.push(item.seq)
          return true
        }
        if (outcome.kind === 'refused') {
          log.warn(
            { subscription: subscriptionId, seq: item.seq, reason: outcome.reason }, 'delivery refused: dead-lettered'
          )
          await moveToDeadLetters(store, item, outcome.reason, attempts)
          state.position = undefined
          return true
        }
        reason = outcome.reason
      } catch (err) {
        // Audit or store unavailable: nothing left, try again later like a failed delivery.
        reason = `hub: ${(err as Error).message}`
      }
      if (signal.aborted) return false
      failingSince ??= Date.now()
      if (Date.now() - failingSince >= settings.pauseAfterMs || attempts >= settings.maxAttempts) {
        await pause(sub, `delivery failed ${attempts} times since ${new Date(failingSince).toISOString()}: ${reason}`)
        return false
      }
      log.debug({ subscription: subscriptionId, seq: item.seq, attempts, reason }, 'delivery failed; retrying')
      await sleep(backoffDelay(attempts, settings.retryBaseMs, settings.retryMaxMs), signal)
    }
  }

  async function work (subscriptionId: string, worker: Worker): Promise<void> {
    const signal = worker.stop.signal
    let woken = false
    let position: Position | undefined
    let wakeNow = (): void => {}
    worker.wake = () => { woken = true; wakeNow() }
    while (!signal.aborted) {
      if (!await holdLease(store, subscriptionId, owner, settings.leaseMs)) {
        await sleep(settings.leaseMs / 3, signal)
        continue
      }
      const queued = await next(store, subscriptionId, 20)
      const items = contiguous(queued.position, queued.items, settings.gapGraceMs)
      if (items.length === 0) {
        if (!woken) {
          const idle = new AbortController()
          wakeNow = () => idle.abort()
          signal.addEventListener('abort', wakeNow, { once: true })
          await sleep(settings.idleMs, idle.signal)
          signal.removeEventListener('abort', wakeNow)
        }
        woken = false
        continue
      }
      const state: WorkerState = { sub: undefined, position, delivered: [] }
      try {
        for (const item of items) if (!await deliver(subscriptionId, item, state, signal)) return
      } finally {
        position = state.position
        await dropItems(store, subscriptionId, state.delivered)
      }
    }
  }

  function startWorker (subscriptionId: string): void {
    const worker: Worker = { stop: new AbortController(), done: Promise.resolve(), wake: () => {} }
    workers.set(subscriptionId, worker)
    worker.done = work(subscriptionId, worker)
      .catch(err => {
        log.warn({ err, subscription: subscriptionId }, 'delivery worker failed; restarted at the next refresh')
      })
      .finally(async () => {
        workers.delete(subscriptionId)
        await releaseLease(store, subscriptionId, owner).catch(() => undefined)
      })
  }

  let refreshing: Promise<void> | undefined
  const refresh = async (): Promise<void> => {
    refreshing ??= readActive().finally(() => { refreshing = undefined })
    await refreshing
  }

  async function readActive (): Promise<void> {
    if (stopping.signal.aborted) return
    const active = new Set((await listSubscriptions(store)).filter(s => s.status === 'active').map(s => s._id))
    for (const id of active) if (!workers.has(id)) startWorker(id)
    for (const [id, w] of workers) if (!active.has(id)) w.stop.abort()
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      await refresh().catch(err => log.warn({ err }, 'could not read the subscriptions'))
      await sleep(settings.refreshMs, stopping.signal)
    }
  })()

  return {
    wake (ids) {
      for (const id of ids) workers.get(id)?.wake()
      // A subscription new to this process: start its worker now rather than at the next refresh.
      if (ids.some(id => !workers.has(id))) void refresh().catch(() => undefined)
    },
    running: () => [...workers.keys()],
    async stop () {
      stopping.abort()
      await loop
      await refreshing
      for (const w of workers.values()) w.stop.abort()
      await Promise.all([...workers.values()].map(async w => await w.done))
    }
  }
}
