// The notifier: the fan-out consumer group (changes.<entity> → per-subscription outboxes) and the
// per-subscription deliverers, with their own grant checker and audit writer (the same modules
// the gateway uses, so a delivery is limited and logged exactly as a read is). Started by the
// consumers role (hub/start-hub.ts); the fan-out is supervised like every consumer.
import type { Logger } from 'pino'
import type { Dispatcher } from 'undici'
import type { EventLog, Subscription } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { createGrantChecker } from '../../gateway/security/grant-checker.js'
import { createAuditWriter } from '../../gateway/security/audit-writer.js'
import { startChangeFanOut } from './fan-out.js'
import { startDeliveries, type Deliveries, type DeliverySettings } from './deliverer.js'

export interface NotifierOptions {
  store: Store
  logger: Logger
  dispatcher?: Dispatcher
  settings?: Partial<DeliverySettings>
  grantCacheTtlMs?: number
}

export interface Notifier {
  deliveries: Deliveries
  /** Starts the fan-out group on the event log given (the supervisor's view of it). */
  startFanOut: (eventLog: EventLog, consumer: { batchSize: number, maxAttempts: number }) => Promise<Subscription>
  /** Stops the deliverers and the audit writer; the fan-out subscription is stopped by its owner. */
  stop: () => Promise<void>
}

export function startNotifier ({ store, logger, dispatcher, settings, grantCacheTtlMs = 1000 }: NotifierOptions): Notifier {
  const grants = createGrantChecker({ store, ttlMs: grantCacheTtlMs })
  const audit = createAuditWriter({ store, batchMax: 256, timeoutMs: 5000 })
  const deliveries = startDeliveries({ store, logger, grants, audit, dispatcher, settings })
  return {
    deliveries,
    startFanOut: async (eventLog, { batchSize, maxAttempts }) =>
      await startChangeFanOut({ eventLog, store, logger, grants, batchSize, maxAttempts, onQueued: ids => deliveries.wake(ids) }),
    async stop () {
      await deliveries.stop()
      await audit.close()
    }
  }
}

/** The notifier as one more thing the hub stops on the way out (a Subscription, as the consumers are). */
export const asStoppable = (notifier: Notifier): Subscription => ({ stop: notifier.stop, state: () => 'running' })
