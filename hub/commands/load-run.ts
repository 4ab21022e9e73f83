// A city's first load: the whole hub (connectors, normalizer, merger) reads every configured source
// once, to its end, and runs until the normalizer and merger have nothing left. Resumable: the
// connectors continue from the cursors they saved page by page, the consumers from their committed
// offsets, and re-published events are applied once (the merger is idempotent by event id), so after
// a kill the same command picks up where the last one stopped.
import type { Logger } from 'pino'
import type { HubConfig } from '../../infra/config/schema.js'
import { startHub, type RunningHub } from '../start-hub.js'
import { openEventLog } from '../../infra/open-adapters.js'
import { MERGER_GROUP } from '../../consumers/merger/merger.js'
import { NORMALIZER_GROUP } from '../../consumers/normalizer/normalizer.js'
import {
  countDocuments,
  countMessages,
  deadLetterTopics,
  lagOf,
  loadCanonicalTopics,
  rawTopics
} from './load-counts.js'
import type { LoadSnapshot } from './load-progress.js'

/** Never, in practice (1 January, midnight): the load runs each connector itself, then stops. */
const NO_SCHEDULE = '0 0 0 1 1 *'
/** Runs of one connector that may fail in a row (a source away) before the load gives up. */
const MAX_FAILED_RUNS = 5

export interface LoadSummary {
  citizens: number
  /** Raw events in the log: everything the sources produced, this run and any run before it. */
  events: number
  canonicalEvents: number
  /** Raw events already in the log when this run started (0 on a first start). */
  resumedFrom: number
  seconds: number
  conflicts: number
  unresolved: number
  deadLetters: number
}

/** The configuration a load runs with: no gateway port to collide with, no schedules, a still city. */
export function loadConfigOf (config: HubConfig): HubConfig {
  const sources = Object.fromEntries(
    Object.entries(config.sources).map(([id, s]) => [id, { ...s, schedule: NO_SCHEDULE }])
  )
  return { ...config, role: 'all', port: 0, sim: { ...config.sim, changesPerSecond: 0 }, sources }
}

const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))

/** Runs each connector until every stream it reads has reached the end of its source. */
async function readEverySource (hub: RunningHub): Promise<void> {
  await Promise.all(hub.connectors.map(async c => {
    for (;;) {
      await c.runOnce()
      const s = c.status()
      if (Object.values(s.streams).every(st => st.derived || st.caughtUp)) return
      if (s.consecutiveFailures >= MAX_FAILED_RUNS) {
        throw new Error(`source of ${s.id} failed ${s.consecutiveFailures} runs in a row: ` +
          `${s.lastError?.code ?? ''} ${s.lastError?.message ?? ''}`)
      }
      await sleep(1000 * s.consecutiveFailures)
    }
  }))
}

async function snapshot (hub: RunningHub, canonicalTopics: string[]): Promise<LoadSnapshot> {
  const canonical = await countMessages(hub.eventLog, canonicalTopics)
  const lag = await lagOf(hub.eventLog, MERGER_GROUP, canonicalTopics).catch(() => canonical)
  return {
    perSource: Object.fromEntries(hub.connectors.map(c => { const s = c.status(); return [s.id, s.published] })),
    merged: Math.max(0, canonical - lag),
    canonical
  }
}

export async function runLoad (
  config: HubConfig, logger: Logger, onProgress: (s: LoadSnapshot) => void, timeoutMs: number
): Promise<LoadSummary> {
  const started = Date.now()
  const raw = rawTopics()
  const canonicalTopics = loadCanonicalTopics()
  // Counted before the hub starts: its connectors begin reading as soon as they start.
  const before = openEventLog(config, logger)
  const resumedFrom = await countMessages(before, raw).finally(async () => await before.close())
  const hub = await startHub(loadConfigOf(config), logger)
  const timer = setInterval(() => { snapshot(hub, canonicalTopics).then(onProgress, () => undefined) }, 500)
  try {
    const deadline = started + timeoutMs
    await readEverySource(hub)
    for (;;) {
      const normalizerLag = await lagOf(hub.eventLog, NORMALIZER_GROUP, raw).catch(() => Infinity)
      const mergerLag = await lagOf(hub.eventLog, MERGER_GROUP, canonicalTopics).catch(() => Infinity)
      if (normalizerLag === 0 && mergerLag === 0) break
      if (Date.now() > deadline) {
        throw new Error(
          `the load did not finish within ${Math.round(timeoutMs / 1000)} s (normalizer lag ${normalizerLag}, merger ` +
          `lag ${mergerLag}); run it again to resume`
        )
      }
      await sleep(200)
    }
    onProgress(await snapshot(hub, canonicalTopics))
    const seconds = (Date.now() - started) / 1000
    return {
      citizens: await countDocuments(hub.store, 'persons'),
      events: await countMessages(hub.eventLog, raw),
      canonicalEvents: await countMessages(hub.eventLog, canonicalTopics),
      resumedFrom,
      seconds: Math.round(seconds * 10) / 10,
      conflicts: await countDocuments(hub.store, 'conflicts'),
      unresolved: await countDocuments(hub.store, 'unresolved'),
      deadLetters: await countMessages(hub.eventLog, deadLetterTopics())
    }
  } finally {
    clearInterval(timer)
    await hub.stop()
  }
}
