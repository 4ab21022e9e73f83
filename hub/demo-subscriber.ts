// The `npm start` demo's subscriber (wiring here: sim/ may not import records/): Sở Tư pháp's
// civil-status system (the demo client demo-tu-phap) is told of moves into or out of phường
// Ninh Kiều (31135). Its receiver (sim/subscriber/receiver.ts) runs in
// the hub's process on a free loopback port, which is why the hub wiring adds that one origin to
// the SSRF allow-list; only with the simulated city and the demo clients (embedded store, role
// all). The subscription is made once and found again at the next start (its URL updated).
import type { Logger } from 'pino'
import type { Store } from '../infra/ports/store.js'
import {
  createSubscription, listSubscriptions, liveSecrets, updateSubscription
} from '../records/subscriptions/subscription-store.js'
import { startReceiver, type Receiver } from '../sim/subscriber/receiver.js'

export const DEMO_SUBSCRIBER = {
  clientId: 'demo-tu-phap', purpose: '1.000894', wardCode: '31135', description: 'demo: moves in phường Ninh Kiều'
} as const

export interface DemoSubscriber {
  /** The receiver's origin, for the SSRF allow-list. */
  origin: string
  receiver: Receiver
  /** Creates the subscription (or points the existing one at this receiver); after the demo clients exist. */
  subscribe: (store: Store) => Promise<void>
  close: () => Promise<void>
}

export async function startDemoSubscriber (logger: Logger): Promise<DemoSubscriber> {
  const log = logger.child({ component: 'demo-subscriber', department: DEMO_SUBSCRIBER.clientId })
  const receiver = await startReceiver({ secrets: [], logger: log })
  return {
    origin: new URL(receiver.url).origin,
    receiver,
    async subscribe (store) {
      const { clientId, purpose, wardCode, description } = DEMO_SUBSCRIBER
      const existing = (await listSubscriptions(store, clientId)).find(s => s.description === description)
      const doc = existing === undefined
        ? await createSubscription(store, {
          clientId, entity: 'person', purpose, url: receiver.url, fields: ['fullName', 'permanentAddress'],
          filter: { wardCode, kinds: ['moved'] }, description
        })
        : await updateSubscription(store, existing._id, d =>
          ({
            ...d,
            url: receiver.url,
            status: 'active',
            pausedBy: undefined,
            pauseReason: undefined,
            pausedAt: undefined
          }))
      if (doc === undefined) throw new Error('the demo subscription vanished')
      receiver.setSecrets(liveSecrets(doc))
      log.info({ subscription: doc._id, url: receiver.url, wardCode, kinds: ['moved'] },
        'demo department subscribed to moves in one ward')
    },
    close: receiver.close
  }
}
