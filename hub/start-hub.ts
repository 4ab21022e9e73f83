// Wires the roles of one process from configuration: adapters first, then the simulated source,
// connectors, consumers and the gateway, each only when the role asks for it. stop() undoes it in
// the reverse order: stop polling and consuming (the batch in hand finishes and commits), close
// the gateway, then the adapters.
import type { Logger } from 'pino'
import type { FastifyInstance } from 'fastify'
import type { HubConfig } from '../infra/config/schema.js'
import { ConfigError } from '../infra/config/load.js'
import type { EventLog, Subscription } from '../infra/ports/event-log.js'
import type { Store } from '../infra/ports/store.js'
import { openEventLog, openStore } from '../infra/open-adapters.js'
import { createSchemaValidator } from '../schemas/validator.js'
import type { ChangeEvent } from '../schemas/change-event.js'
import { startCivilStatusSource, type CivilStatusSource } from '../sim/civil-status/server.js'
import { civilStatusConnector } from '../connectors/civil-status/connector.js'
import { createPollRunner, type PollRunner } from '../connectors/runner/poll-runner.js'
import { startPersonConsumer } from '../consumers/person-consumer.js'
import { buildGateway } from '../gateway/app.js'
import type { ReadinessCheck } from '../gateway/routes/health.js'

export interface RunningHub {
  eventLog: EventLog
  store: Store
  gateway?: FastifyInstance
  gatewayUrl?: string
  source?: CivilStatusSource
  connectors: PollRunner[]
  consumers: Subscription[]
  stop: () => Promise<void>
}

const runs = (config: HubConfig, role: HubConfig['role']): boolean => config.role === 'all' || config.role === role

export async function startHub (config: HubConfig, logger: Logger): Promise<RunningHub> {
  const eventLog = openEventLog(config, logger)
  const store = await openStore(config)
  const schemas = createSchemaValidator()
  const connectors: PollRunner[] = []
  const consumers: Subscription[] = []
  let source: CivilStatusSource | undefined
  let gateway: FastifyInstance | undefined
  let gatewayUrl: string | undefined
  const readiness: ReadinessCheck[] = [
    { name: 'eventLog', check: async () => await eventLog.ping() },
    { name: 'store', check: async () => await store.ping() }
  ]

  async function stop (): Promise<void> {
    await Promise.allSettled(connectors.map(async c => await c.stop()))
    await Promise.allSettled(consumers.map(async s => await s.stop()))
    await gateway?.close()
    await source?.close()
    await eventLog.close()
    await store.close()
  }

  try {
    if (runs(config, 'connectors')) {
      let baseUrl = config.civilStatus.baseUrl
      if (baseUrl === '') {
        if (!config.sim.enabled) throw new ConfigError('Invalid configuration: LT_CIVIL_STATUS_URL (civilStatus.baseUrl) is required when LT_SIM=false', 'LT_CIVIL_STATUS_URL')
        source = await startCivilStatusSource(config.sim)
        baseUrl = source.url
        logger.info({ url: source.url, citizens: config.sim.citizens }, 'simulated civil-status source started')
      }
      const runner = createPollRunner({
        connector: civilStatusConnector,
        baseUrl,
        schedule: config.civilStatus.schedule,
        pageSize: config.civilStatus.pageSize,
        timeoutMs: config.civilStatus.timeoutMs,
        eventLog,
        store,
        logger,
        compile: schema => schemas.ajv.compile(schema)
      })
      connectors.push(runner)
      runner.start()
    }
    if (runs(config, 'consumers')) {
      let failed: Error | undefined
      consumers.push(await startPersonConsumer({
        eventLog, store, logger,
        validateEvent: schemas.validator<ChangeEvent>('change-event'),
        batchSize: config.consumer.batchSize,
        maxAttempts: config.consumer.maxAttempts,
        onFatal: err => { failed = err }
      }))
      readiness.push({ name: 'consumers', check: async () => { if (failed !== undefined) throw failed } })
    }
    if (runs(config, 'gateway')) {
      gateway = await buildGateway({ store, logger, readiness })
      gatewayUrl = await gateway.listen({ host: config.host, port: config.port })
    }
  } catch (err) {
    await stop()
    throw err
  }
  return { eventLog, store, gateway, gatewayUrl, source, connectors, consumers, stop }
}
