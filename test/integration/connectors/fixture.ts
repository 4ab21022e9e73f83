// The registry API on the embedded adapters, without a hub: the gateway with the connector
// services, an operator key, and helpers to call it.
import { join } from 'node:path'
import { pino } from 'pino'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { EventLog } from '../../../infra/ports/event-log.js'
import type { Store } from '../../../infra/ports/store.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import { buildGateway } from '../../../gateway/app.js'
import { createConnectorServices, type ConnectorServices,
  type ConnectorSettings } from '../../../connectors/host/connector-services.js'
import { civilStatusConnector } from '../../../connectors/civil-status/connector.js'
import { WAIT_BOUND_MS } from '../../helpers/wait-for.js'
import type { Resolve } from '../../../connectors/ssrf/ssrf-guard.js'

export const OPERATOR_KEY = 'operator-key-for-tests-0123456789abcdef'
export const settings: ConnectorSettings = { ssrfAllow: ['127.0.0.1/32'], reconcileMs: 100, topicRefreshMs: 100,
  timeoutMs: 2000, pushMaxRecords: 5, pushBodyLimitBytes: 64 * 1024 }

export interface Fixture {
  app: FastifyInstance
  store: Store
  eventLog: EventLog
  services: ConnectorServices
  call: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) =>
    Promise<LightMyRequestResponse>
  close: () => Promise<void>
}

export async function openFixture (dir: string, { allow = settings.ssrfAllow, resolve }: { allow?: string[],
  resolve?: Resolve } = {}): Promise<Fixture> {
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const logger = pino({ level: 'silent' })
  const services = createConnectorServices({ store, eventLog, schemas: createSchemaValidator(),
    settings: { ...settings, ssrfAllow: allow }, builtIns: [civilStatusConnector], resolve })
  const app = await buildGateway({ store, logger, readiness: [], security: { operatorKey: OPERATOR_KEY },
    connectors: services.api })
  return {
    app, store, eventLog, services,
    call: async (method, url, payload, headers = { authorization: `Bearer ${OPERATOR_KEY}` }) =>
      await app.inject({ method, url, headers, ...(payload !== undefined
        ? { payload: payload as Record<string, unknown> } : {}) }),
    async close () { await app.close(); await services.close(); await eventLog.close(); await store.close() }
  }
}

/** Every message on a topic so far, read by a throwaway group (it stops as soon as `expect` arrived; the
 * bound is for a loaded machine, where a 10 s one could return a short list to the assertion). */
export async function readTopic (eventLog: EventLog, topic: string, expect: number): Promise<Array<{ key: string,
  value: any, headers: Record<string, string> }>> {
  const got: Array<{ key: string, value: any, headers: Record<string, string> }> = []
  const group = `test-${Math.random().toString(36).slice(2)}`
  const sub = await eventLog.subscribe({ group, topics: [topic], handler: async batch => {
    got.push(...batch.map(m => ({ key: m.key, value: JSON.parse(m.value), headers: m.headers }))) } })
  const deadline = Date.now() + WAIT_BOUND_MS
  while (got.length < expect && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
  await sub.stop()
  return got
}
