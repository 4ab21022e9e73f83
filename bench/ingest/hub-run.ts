// The load: the whole hub (`--role all`, in this process) reads a simulated city from its five
// department systems until every connector has read its source once and the normalizer and merger
// have no lag. The city is generated before the clock starts; the hub's start-up is inside it.
// Each run has its own Kafka namespace, database and data directory, so runs never mix.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { loadConfig } from '../../hub/config.js'
import type { HubConfig } from '../../infra/config/schema.js'
import { startHub, type RunningHub } from '../../hub/start-hub.js'
import { startSimulatedCity, type SimulatedCity } from '../../sim/server/city.js'
import { builtInConnectors, builtIns } from '../../connectors/built-in.js'
import { DEPARTMENTS } from '../../sim/city/departments.js'
import { rawTopic } from '../../connectors/contract.js'
import { canonicalEntities, canonicalTopic } from '../../schemas/canonical-event.js'
import { MERGER_GROUP } from '../../consumers/merger/merger.js'
import { NORMALIZER_GROUP } from '../../consumers/normalizer/normalizer.js'
import type { IngestOptions } from './options.js'
import { round, until } from './emit.js'

/** Never, in practice (1 January, midnight): the bench runs the connectors itself. */
export const NO_SCHEDULE = '0 0 0 1 1 *'

export interface HubRun {
  run: string
  dataDir: string
  config: HubConfig
  city: SimulatedCity
  hub: RunningHub
  rawTopics: string[]
  canonicalTopics: string[]
}

export interface LoadFigures {
  rawEvents: number
  canonicalEvents: number
  hubStartSeconds: number
  connectorsSeconds: number
  loadSeconds: number
  rawEventsPerSec: number
}

export function benchConfig (options: IngestOptions, run: string, dataDir: string, city: SimulatedCity): HubConfig {
  // Every built-in source points at its department of the already running city, polled by the bench.
  const sources = Object.fromEntries(builtIns.entries.map(({ connector, simulatedDepartment }) => {
    const handle = DEPARTMENTS.find(d => d.id === simulatedDepartment)?.handle
    if (handle === undefined) throw new Error(`no simulated department for ${connector.manifest.id}`)
    return [connector.manifest.id, { baseUrl: city.departments[handle].url, schedule: NO_SCHEDULE }]
  }))
  return loadConfig({
    env: options.engine === 'real' ? { KAFKA_BROKERS: options.kafkaBrokers, MONGODB_URI: options.mongodbUri } : {},
    overrides: {
      role: 'all', port: 0, dataDir, logLevel: options.logLevel,
      kafka: { namespace: run, clientId: run }, mongodb: { database: run },
      sim: { enabled: false, changesPerSecond: 0 },
      security: { demoClients: false },
      sources
    }
  })
}

/** Lag of a consumer group, or Infinity while the event log cannot tell yet. */
async function lagOf (hub: RunningHub, group: string, topics: string[]): Promise<number> {
  const groupLag = hub.eventLog.groupLag
  if (groupLag === undefined) throw new Error(`the ${hub.eventLog.kind} event log cannot report a group's lag`)
  return await groupLag(group, topics).catch(() => Infinity)
}

/**
 * Messages in the topics: the lag of a group that never read them (the embedded log's offsets are
 * one sequence across all topics, so its last offsets are not counts; a lag is, on both logs).
 */
export async function countMessages (hub: RunningHub, topics: string[]): Promise<number> {
  return await lagOf(hub, 'bench.ingest.counter-never-joins', topics)
}

/**
 * Waits until the normalizer and the merger have consumed everything published so far; their lags on stderr
 * every 10 s.
 */
export async function drained (hub: RunningHub, rawTopics: string[], canonicalTopics: string[],
  timeoutMs: number): Promise<void> {
  let told = Date.now()
  await until(async () => {
    const lags = { normalizer: await lagOf(hub, NORMALIZER_GROUP, rawTopics),
      merger: await lagOf(hub, MERGER_GROUP, canonicalTopics) }
    if (Date.now() - told > 10000) {
      told = Date.now()
      process.stderr.write(`bench:ingest: lag ${JSON.stringify(lags)}\n`)
    }
    return lags.normalizer === 0 && lags.merger === 0
  }, timeoutMs, 'the normalizer and merger to catch up', 200)
}

export async function startRun (options: IngestOptions): Promise<{ run: HubRun, figures: LoadFigures }> {
  const run = `ingest${Date.now().toString(36)}`
  const dataDir = mkdtempSync(join(tmpdir(), 'lt-bench-ingest-'))
  const city = await startSimulatedCity({ citizens: options.citizens, seed: 47 })
  const config = benchConfig(options, run, dataDir, city)
  const t0 = performance.now()
  // startHub starts every connector's first run (poll-runner start() runs once at once).
  // The hub's logs (--log-level, default silent) go to stderr: stdout holds the JSON lines.
  const hub = await startHub(config, pino({ level: options.logLevel }, pino.destination(2)))
  const started = performance.now()
  const rawTopics = builtInConnectors.map(c => rawTopic(c.manifest.id))
  const canonicalTopics = canonicalEntities.map(canonicalTopic)
  const hubRun: HubRun = { run, dataDir, config, city, hub, rawTopics, canonicalTopics }
  try {
    // runOnce joins the run in flight: this resolves when each connector has read its whole source.
    await Promise.all(hub.connectors.map(async c => await c.runOnce()))
    const connectorsDone = performance.now()
    await drained(hub, rawTopics, canonicalTopics, options.timeoutS * 1000)
    const done = performance.now()
    const rawEvents = await countMessages(hub, rawTopics)
    const loadSeconds = (done - t0) / 1000
    return {
      run: hubRun,
      figures: {
        rawEvents,
        canonicalEvents: await countMessages(hub, canonicalTopics),
        hubStartSeconds: round((started - t0) / 1000, 2),
        connectorsSeconds: round((connectorsDone - t0) / 1000, 2),
        loadSeconds: round(loadSeconds, 2),
        rawEventsPerSec: Math.round(rawEvents / loadSeconds)
      }
    }
  } catch (err) {
    await stopRun(hubRun)
    throw err
  }
}

export async function stopRun (run: HubRun): Promise<void> {
  await run.hub.stop()
  await run.city.close()
}
