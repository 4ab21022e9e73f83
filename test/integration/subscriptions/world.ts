// The subscription scenario's world on the embedded adapters: the merger publishing the change
// feed, the notifier (fan-out and deliverers) behind the connectors' SSRF guard (127.0.0.1
// allow-listed), the gateway with the subscription routes, a department client with a narrow
// person grant, and the reference receiver. Canonical events go straight onto the log.
import type { Test } from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import type { FastifyInstance } from 'fastify'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { EventLog } from '../../../infra/ports/event-log.js'
import type { Store } from '../../../infra/ports/store.js'
import { canonicalTopic, type CanonicalEvent } from '../../../schemas/canonical-event.js'
import { startMerger } from '../../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { changePublisher } from '../../../consumers/notifier/change-publisher.js'
import { startNotifier } from '../../../consumers/notifier/notifier.js'
import { notifierAccess } from '../../../hub/notifier-access.js'
import type { DeliverySettings } from '../../../consumers/notifier/deliverer.js'
import { createSsrfGuard } from '../../../connectors/ssrf/ssrf-guard.js'
import { buildGateway } from '../../../gateway/app.js'
import { makeClient, type TestClient } from '../../security/helpers.js'
import { startReceiver, type Receiver } from '../../../sim/subscriber/receiver.js'

export const PURPOSE = '1.004222'
/** What the department may see of a person: the name and the ward, nothing else. */
export const GRANTED = ['fullName', 'permanentAddress.wardCode']
const OPERATOR_KEY = 'subscriptions-test-operator-key-0123456789ab'

export interface World {
  store: Store
  eventLog: EventLog
  app: FastifyInstance
  client: TestClient
  receiver: Receiver
  publish: (events: CanonicalEvent[]) => Promise<void>
  subscribe: (body?: Record<string, unknown>) => Promise<{ id: string, secret: string }>
  call: (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    Promise<{ statusCode: number, body: any }>
}

export const fastDelivery: Partial<DeliverySettings> = { retryBaseMs: 20, retryMaxMs: 200, refreshMs: 100, idleMs: 100,
  timeoutMs: 2000, pauseAfterMs: 60000, maxAttempts: 100000 }

/** Opens the event log and store the world runs on; default: the embedded adapters in the test's folder. */
export interface Adapters { open: (t: Test) => Promise<{ eventLog: EventLog, store: Store }> }

export const embedded: Adapters = {
  open: async t => {
    const dir = t.testdir({})
    return { eventLog: openEmbeddedEventLog({ file: join(dir, 'log.sqlite') }),
      store: openEmbeddedStore({ file: join(dir, 'store.sqlite') }) }
  }
}

export async function openWorld (t: Test, settings: Partial<DeliverySettings> = fastDelivery,
  adapters: Adapters = embedded): Promise<World> {
  const logger = pino({ level: 'silent' })
  const { eventLog, store } = await adapters.open(t)
  const guard = createSsrfGuard({ allow: ['127.0.0.1/32'] })
  const merger = await startMerger({ eventLog, store, logger, rules: loadSurvivorship(), batchSize: 8, maxAttempts: 3,
    onVersions: changePublisher(eventLog) })
  const notifier = startNotifier({ store, logger, access: notifierAccess(store, { grantCacheTtlMs: 0 }),
    dispatcher: guard.dispatcher, settings })
  const fanOut = await notifier.startFanOut(eventLog, { batchSize: 16, maxAttempts: 3 })
  const app = await buildGateway({ store, logger, readiness: [], security: { operatorKey: OPERATOR_KEY,
    grantCacheTtlMs: 0 }, subscriptions: { checkUrl: guard.checkUrl } })
  const client = await makeClient(store, 'so-tu-phap', 'department',
    [{ purpose: PURPOSE, entity: 'person', fields: GRANTED }])
  const receiver = await startReceiver({ secrets: [] })
  t.teardown(async () => {
    await app.close()
    await merger.stop()
    await fanOut.stop()
    await notifier.stop()
    await receiver.close()
    await guard.close()
    await eventLog.close()
    await store.close()
  })
  const call: World['call'] = async (method, url, payload) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${client.key}` },
      ...(payload !== undefined ? { payload: payload as object } : {}) })
    return { statusCode: res.statusCode, body: res.body === '' ? undefined : res.json() }
  }
  return {
    store, eventLog, app, client, receiver, call,
    publish: async events => {
      for (const e of events) await eventLog.publish(canonicalTopic(e.entity),
        [{ key: e.entityId, value: JSON.stringify(e) }])
    },
    subscribe: async (body = {}) => {
      const res = await call('POST', '/v1/subscriptions', { entity: 'person', purpose: PURPOSE,
        url: receiver.url, ...body })
      if (res.statusCode !== 201) throw new Error(`subscribe answered ${res.statusCode}: ${JSON.stringify(res.body)}`)
      receiver.setSecrets([res.body.secret])
      return { id: res.body.subscription.id, secret: res.body.secret }
    }
  }
}
