// Wires the roles of one process from configuration: adapters first, then the simulated source,
// connectors, consumers and the gateway, each only when the role asks for it. stop() undoes it in
// the reverse order: stop polling and consuming (the batch in hand finishes and commits), close
// the gateway, then the adapters.
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { FastifyInstance } from 'fastify'
import type { HubConfig } from '../infra/config/schema.js'
import { ConfigError } from '../infra/config/load.js'
import { loadReferenceData } from './reference-data.js'
import type { EventLog, Subscription } from '../infra/ports/event-log.js'
import type { Store } from '../infra/ports/store.js'
import { openEventLog, openStore } from '../infra/open-adapters.js'
import { createSchemaValidator } from '../schemas/validator.js'
import type { ChangeEvent } from '../schemas/change-event.js'
import { civilStatusView, type CivilStatusSource } from '../sim/civil-status/server.js'
import { startSimulatedCity, type SimulatedCity } from '../sim/server/city.js'
import { builtIns as shippedBuiltIns, type BuiltInRegistry } from '../connectors/built-in.js'
import { builtInSources, simulatedDepartments } from './built-in-sources.js'
import { builtInSurvivorship } from './built-in-survivorship.js'
import { createPollRunner, type PollRunner } from '../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../connectors/runner/raw-schema-compiler.js'
import { startNormalizer, NORMALIZER_GROUP } from '../consumers/normalizer/normalizer.js'
import { startDeadLetterArchiver, DEAD_LETTER_ARCHIVER_GROUP } from '../consumers/dead-letters/archiver.js'
import { superviseConsumer, checkConsumers, type SupervisedConsumer } from '../consumers/supervisor.js'
import { createConnectorServices } from '../connectors/host/connector-services.js'
import { startConnectorHost, type ConnectorHost } from '../connectors/host/connector-host.js'
import { createRegisteredRunner } from '../connectors/host/registered-runner.js'
import { startMerger, MERGER_GROUP } from '../consumers/merger/merger.js'
import { changePublisher } from '../consumers/notifier/change-publisher.js'
import { NOTIFIER_GROUP } from '../consumers/notifier/fan-out.js'
import { asStoppable, startNotifier } from '../consumers/notifier/notifier.js'
import { startDemoSubscriber } from './demo-subscriber.js'
import { notifierAccess } from './notifier-access.js'
import { loadSurvivorship } from '../consumers/merger/survivorship.js'
import { buildGateway } from '../gateway/app.js'
import type { ReadinessCheck } from '../gateway/routes/health.js'
import { ensureDemoClients, type DemoKey } from '../gateway/security/demo-clients.js'
import { startHeadPublisher, type HeadPublisher } from '../gateway/security/audit-head-publisher.js'
import { headFilePath } from '../gateway/security/audit-heads-file.js'
import { embeddedFiles } from '../infra/startup/embedded-files.js'
import { startWatermarkRecorder } from '../infra/startup/log-watermark.js'
import { checkDataDirSpace } from '../infra/startup/data-dir-space.js'
import { instrumentPorts, watchHub } from './hub-metrics.js'

/** How often the embedded log's end is recorded in the store (infra/startup/log-watermark.ts). */
const WATERMARK_INTERVAL_MS = 10000

export interface RunningHub {
  eventLog: EventLog
  store: Store
  gateway?: FastifyInstance
  gatewayUrl?: string
  /** Embedded demo only: demo API clients and the file their keys were written to. */
  demoKeys?: { file: string, clients: DemoKey[] }
  /** Embedded demo only: the simulated city serving every source without a URL. */
  city?: SimulatedCity
  /** Connector id -> URL of the simulated department its runner polls (sources without a URL). */
  simulatedSources?: Record<string, string>
  /** The city's civil-status department, as the thin slice's tests drive it. */
  source?: CivilStatusSource
  connectors: PollRunner[]
  /** Runs registered connectors and carries out pause / resume / run for all (connectors role). */
  connectorHost?: ConnectorHost
  consumers: Subscription[]
  stop: () => Promise<void>
}

const runs = (config: HubConfig, role: HubConfig['role']): boolean => config.role === 'all' || config.role === role

export interface StartOptions {
  /** Aborting it (SIGTERM during start-up) stops what started so far and rejects. */
  signal?: AbortSignal
  /** The built-in connectors to run (connectors/built-in.ts); a test may pass a registry with one more. */
  builtIns?: BuiltInRegistry
}

export async function startHub (
  config: HubConfig, logger: Logger, { signal, builtIns = shippedBuiltIns }: StartOptions = {}
): Promise<RunningHub> {
  const builtInConnectors = builtIns.connectors
  loadReferenceData(config, logger)
  const openedLog = openEventLog(config, logger)
  let openedStore: Store
  try { openedStore = await openStore(config) } catch (err) { await openedLog.close(); throw err }
  // Timed ports (infra/observability): every role below uses them, so /metrics sees all calls.
  const observed = instrumentPorts({ eventLog: openedLog, store: openedStore })
  const { eventLog, store, metrics } = observed
  // The store remembers how far the embedded log reached, so a truncated log is found at the next start.
  const watermark = startWatermarkRecorder(embeddedFiles(config), WATERMARK_INTERVAL_MS,
    err => logger.warn({ err }, 'could not record the event log position in the store'))
  // Checked between start-up steps: a step in progress finishes (bounded by its own timeouts) first.
  const continueStarting = (): void => { if (signal?.aborted === true) throw new Error('start-up aborted') }
  const schemas = createSchemaValidator()
  // Built-in connectors (configured by the operator) and registered ones (added through the API).
  // The demo department's webhook receiver (sim/subscriber/demo.ts): its loopback origin is allow-listed.
  const demoSubscriber = config.role === 'all' && config.sim.enabled && config.security.demoClients &&
    config.mongodb.uri === '' ? await startDemoSubscriber(logger) : undefined
  const ssrfAllow = [...config.connectors.ssrfAllow, ...(demoSubscriber !== undefined ? [demoSubscriber.origin] : [])]
  const connectorServices = createConnectorServices({
    store, eventLog, schemas, settings: { ...config.connectors, ssrfAllow }, builtIns: builtInConnectors
  })
  let connectorHost: ConnectorHost | undefined
  const connectors: PollRunner[] = []
  const consumers: Subscription[] = []
  let city: SimulatedCity | undefined
  let source: CivilStatusSource | undefined
  let simulatedSources: Record<string, string> | undefined
  let gateway: FastifyInstance | undefined
  let gatewayUrl: string | undefined
  let demoKeys: RunningHub['demoKeys']
  let auditHeads: HeadPublisher | undefined
  const readiness: ReadinessCheck[] = [
    { name: 'eventLog', check: async () => await eventLog.ping() },
    { name: 'store', check: async () => await store.ping() }
  ]
  // With embedded files, a full data folder is not ready even though reads still answer.
  const files = embeddedFiles(config)
  if (files.eventLog !== undefined || files.store !== undefined) {
    readiness.push({ name: 'dataDir', check: async () => await checkDataDirSpace(config.dataDir) })
  }

  async function stop (): Promise<void> {
    await connectorHost?.stop()
    await Promise.allSettled(connectors.map(async c => await c.stop()))
    await Promise.allSettled(consumers.map(async s => await s.stop()))
    await gateway?.close()
    // After the gateway: its last reads are in the head published on the way out.
    await auditHeads?.stop()
    await city?.close()
    await demoSubscriber?.close()
    await connectorServices.close()
    watermark.stop()
    await eventLog.close()
    await store.close()
  }

  try {
    continueStarting()
    if (runs(config, 'connectors')) {
      const sources = builtInSources(config, builtIns)
      const unset = sources.filter(s => s.baseUrl === '')
      // A source without a URL needs the simulated city, and a department in it that stands in for it.
      const needed = unset.find(s => !config.sim.enabled || s.department === undefined)
      if (needed !== undefined) {
        const why = config.sim.enabled ? 'no simulated department stands in for it' : 'LT_SIM=false'
        const setting = needed.setting.split(' ')[0]
        throw new ConfigError(`Invalid configuration: ${needed.setting} is required (${why})`, setting)
      }
      if (unset.length > 0) {
        city = await startSimulatedCity({
          citizens: config.sim.citizens, seed: config.sim.seed, host: config.sim.host, portBase: config.sim.port,
          departments: simulatedDepartments(builtIns)
        })
        source = city.departments.civilStatus !== undefined ? civilStatusView(city) : undefined
        if (config.sim.changesPerSecond > 0) city.startChanges({ perSecond: config.sim.changesPerSecond })
        const departments = Object.fromEntries(Object.entries(city.departments).map(([name, d]) => [name, d.url]))
        logger.info({
          url: source?.url, citizens: config.sim.citizens, changesPerSecond: config.sim.changesPerSecond, departments
        }, `simulated city started (${Object.keys(departments).length} department systems)`)
      }
      const compile = createRawSchemaCompiler()
      for (const s of sources) {
        const simulatedUrl = s.baseUrl === '' ? s.simulatedUrl(city as SimulatedCity) : undefined
        if (simulatedUrl !== undefined) {
          simulatedSources = { ...simulatedSources, [s.connector.manifest.id]: simulatedUrl }
        }
        const runner = createPollRunner({
          connector: s.connector,
          baseUrl: simulatedUrl ?? s.baseUrl,
          schedule: s.schedule,
          pageSize: s.pageSize,
          timeoutMs: s.timeoutMs,
          eventLog,
          store,
          logger,
          compile
        })
        connectors.push(runner)
        runner.start()
      }
      // Registered connectors, and pause / resume / run for all, follow the registry (connectors/registry).
      connectorHost = startConnectorHost({
        registry: connectorServices.registry,
        builtIns: builtInConnectors.map(
          (c, i) => ({ id: c.manifest.id, version: c.manifest.version, runner: connectors[i] })
        ),
        createRunner: doc => createRegisteredRunner(
          doc.registration,
          { eventLog, store, logger, guard: connectorServices.guard, defaultTimeoutMs: config.connectors.timeoutMs }
        ),
        intervalMs: config.connectors.reconcileMs,
        logger
      })
    }
    continueStarting()
    if (runs(config, 'consumers')) {
      // Each consumer is supervised: restarted with backoff whatever stops it (consumers/supervisor.ts).
      const supervise = async (
        name: string, start: (log: EventLog) => Promise<Subscription>
      ): Promise<SupervisedConsumer> => {
        continueStarting()
        return await superviseConsumer({
          name, eventLog, logger, start, ...config.consumer,
          onRestart: reason => metrics.consumer.restarts.inc({ consumer: name, reason })
        })
      }
      const { batchSize, maxAttempts } = config.consumer
      // Checked once here, so rules naming a source no built-in has stop the start (not a restart loop).
      const rules = builtInSurvivorship(loadSurvivorship(), builtIns)
      const notifier = startNotifier({
        store, logger, access: notifierAccess(store), dispatcher: connectorServices.guard.dispatcher
      })
      consumers.push(asStoppable(notifier))
      const supervised = [
        // The merger folds canonical.<entity> events into golden records (consumers/merger).
        await supervise(MERGER_GROUP, async log => await startMerger({
          eventLog: log, store, logger, rules,
          batchSize, maxAttempts, onBatch: metrics.mergeBatch,
          onVersions: changePublisher(log)
        })),
        // changes.<entity> → subscriptions' outboxes → webhooks (consumers/notifier, docs/subscriptions.md).
        await supervise(NOTIFIER_GROUP, async log => await notifier.startFanOut(log, { batchSize, maxAttempts })),
        // Raw events of every connector, built-in or registered, to canonical.<entity>.
        await supervise(NORMALIZER_GROUP, async log => await startNormalizer({
          eventLog: log, store, logger, batchSize, maxAttempts,
          catalog: connectorServices.catalog,
          validateEvent: schemas.validator<ChangeEvent>('change-event'),
          mappingValidator: connectorServices.mappingValidator,
          topicRefreshMs: config.connectors.topicRefreshMs
        })),
        await supervise(DEAD_LETTER_ARCHIVER_GROUP, async log => await startDeadLetterArchiver({
          eventLog: log, store, logger, batchSize, maxAttempts,
          topics: async () => await connectorServices.deadLetterTopics([NORMALIZER_GROUP, MERGER_GROUP]),
          refreshMs: config.connectors.topicRefreshMs
        }))
      ]
      consumers.push(...supervised)
      // Not ready while a consumer is restarting, its batches fail or it is stalled: named, with its lag.
      readiness.push({ name: 'consumers', check: async () => await checkConsumers(supervised) })
    }
    continueStarting()
    if (runs(config, 'gateway')) {
      const { operatorKey, keyCacheTtlMs, grantCacheTtlMs, auditBatchMax, auditTimeoutMs } = config.security
      // Demo clients only ever on the embedded store: a real deployment starts from the operator key.
      if (config.security.demoClients && config.mongodb.uri === '') {
        const file = join(config.dataDir, 'demo-keys.json')
        demoKeys = { file, clients: await ensureDemoClients(store, file) }
        await demoSubscriber?.subscribe(store)
      }
      const authThrottle = {
        perKey: config.security.authFailuresPerKey,
        perAddress: config.security.authFailuresPerAddress,
        windowMs: config.security.authFailureWindowMs
      }
      watchHub(
        observed,
        { registry: connectorServices.registry, headFile: headFilePath(config.dataDir, config.audit.headFile) }
      )
      gateway = await buildGateway({ store, logger, readiness, security: {
        operatorKey,
        keyCacheTtlMs,
        grantCacheTtlMs,
        auditBatchMax,
        auditTimeoutMs,
        authThrottle
      }, connectors: connectorServices.api, limits: config.gateway,
        subscriptions: { checkUrl: connectorServices.guard.checkUrl }, metrics: {
          metrics,
          metricsKey: config.security.metricsKey
        } })
      gatewayUrl = await gateway.listen({ host: config.host, port: config.port })
      auditHeads = startHeadPublisher({
        store,
        logger,
        file: headFilePath(config.dataDir, config.audit.headFile),
        intervalMs: config.audit.headIntervalMs
      })
    }
  } catch (err) {
    await stop()
    throw err
  }
  return {
    eventLog, store, gateway, gatewayUrl, demoKeys, city, source, simulatedSources, connectors, connectorHost,
    consumers, stop
  }
}
