// The notifier: the fan-out consumer group (changes.<entity> → per-subscription outboxes) and the
// per-subscription deliverers. Access control (grants, audit, projection) comes from the wiring
// (access-port.ts), so a delivery is limited and logged exactly as a read is. Started by the
// consumers role (hub/start-hub.ts); the fan-out is supervised like every consumer.
import type { Logger } from 'pino'
import type { Dispatcher } from 'undici'
import type { EventLog, Subscription } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { startChangeFanOut } from './fan-out.js'
import { startDeliveries, type Deliveries, type DeliverySettings } from './deliverer.js'
import type { NotifierAccess } from './access-port.js'

export interface NotifierOptions {
  store: Store
  logger: Logger
  access: NotifierAccess
  dispatcher?: Dispatcher
  settings?: Partial<DeliverySettings>
}

export interface Notifier {
  deliveries: Deliveries
  /** Starts the fan-out group on the event log given (the supervisor's view of it). */
  startFanOut: (eventLog: EventLog, consumer: { batchSize: number, maxAttempts: number }) => Promise<Subscription>
  /** Stops the deliverers and then the access port (its audit writer); the fan-out is stopped by its owner. */
  stop: () => Promise<void>
}

export function startNotifier ({ store, logger, access, dispatcher, settings }: NotifierOptions): Notifier {
  const deliveries = startDeliveries({ store, logger, access, dispatcher, settings })
  return {
    deliveries,
    startFanOut: async (eventLog, { batchSize, maxAttempts }) =>
      await startChangeFanOut({
        eventLog, store, logger, access, batchSize, maxAttempts, onQueued: ids => deliveries.wake(ids)
      }),
    async stop () {
      await deliveries.stop()
      await access.close()
    }
  }
}

/** The notifier as one more thing the hub stops on the way out (a Subscription, as the consumers are). */
export const asStoppable = (notifier: Notifier): Subscription => ({ stop: notifier.stop, state: () => 'running' })
