// bench/store-load: the whole hub (`--role all`, in this process) on Kafka + FerretDB/MongoDB with a
// simulated city of N citizens, until every connector has read its source and the normalizer and
// merger have no lag. Meanwhile it samples, once a second, the store's ping time, /health/live and
// /health/ready, so a store that stops answering (FerretDB 1.24's pool deadlock, issue 12.5) shows
// as pings that time out. Prints one JSON object. See docs/reliability.md.
// Usage: node --import @tapjs/typescript/import bench/store-load.ts [--citizens 5000]
//   [--max-in-flight 16] [--pool 16] [--timeout-s 3600] [--profile-s 30]; KAFKA_BROKERS and MONGODB_URI as for the hub
//   (defaults: the infra/engines ports). Each run uses its own Kafka namespace and database.
import { pino } from 'pino'
import { loadConfig } from '../hub/config.js'
import { startHub } from '../hub/start-hub.js'
import { MAX_FIND_LIMIT } from '../infra/ports/store.js'
import { rawTopic } from '../connectors/contract.js'
import { builtInConnectors } from '../connectors/built-in.js'
import { canonicalTopics, MERGER_GROUP } from '../consumers/merger/merger.js'
import { NORMALIZER_GROUP } from '../consumers/normalizer/normalizer.js'
import { storeProfiler } from './store-profile.js'

function flag (name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback
}

const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))

async function timed (work: () => Promise<unknown>, timeoutMs: number): Promise<number | 'timeout' | 'error'> {
  const start = performance.now()
  try {
    await Promise.race([work(), sleep(timeoutMs).then(() => { throw new Error('timeout') })])
    return Math.round(performance.now() - start)
  } catch (err) { return (err as Error).message === 'timeout' ? 'timeout' : 'error' }
}

const stats = (xs: number[]): { p50: number, p99: number, max: number } => {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0 }
}

async function main (): Promise<void> {
  const citizens = Number(flag('citizens', '5000'))
  const timeoutS = Number(flag('timeout-s', '3600'))
  const run = `storeload${Date.now().toString(36)}`
  const config = loadConfig({
    env: {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
      MONGODB_URI: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018',
      ...(process.argv.includes('--max-in-flight') ? { LT_STORE_MAX_IN_FLIGHT: flag('max-in-flight', '16') } : {}),
      ...(process.argv.includes('--pool') ? { MONGODB_MAX_POOL_SIZE: flag('pool', '16') } : {})
    },
    overrides: {
      role: 'all', port: 0, logLevel: 'error', kafka: { namespace: run, clientId: run }, mongodb: { database: run },
      sim: { citizens, port: 0 }, security: { demoClients: false }
    }
  })
  const logger = pino({ level: 'error' })
  const started = Date.now()
  const hub = await startHub(config, logger)
  const url = hub.gatewayUrl as string
  const rawTopics = builtInConnectors.map(c => rawTopic(c.manifest.id))
  const groupLag = hub.eventLog.groupLag as (g: string, t: string[]) => Promise<number>
  const ping: number[] = []
  const live: number[] = []
  let pingTimeouts = 0
  let liveTimeouts = 0
  const readiness: Record<string, number> = {}
  let settled = 0
  let lags = { normalizer: -1, merger: -1 }
  let maxLag = { normalizer: 0, merger: 0 }
  let completed = true
  // --profile-s N: every N seconds, one line on stderr with each group's messages and the store's
  // time per call in that interval (the hub's own metrics), to see which call grows with the store.
  const profileS = Number(flag('profile-s', '0'))
  const profile = storeProfiler(`${url}/metrics`, started)
  let profiled = Date.now()
  while (settled < 3) {
    // Out of time: the figures so far are still printed, with completed: false.
    if (Date.now() - started > timeoutS * 1000) { completed = false; break }
    await sleep(1000)
    const p = await timed(async () => await hub.store.ping(), 15000)
    if (typeof p === 'number') ping.push(p); else pingTimeouts++
    const l = await timed(async () => await fetch(`${url}/health/live`).then(async r => await r.arrayBuffer()), 15000)
    if (typeof l === 'number') live.push(l); else liveTimeouts++
    const ready = await fetch(`${url}/health/ready`).then(r => String(r.status), () => 'error')
    readiness[ready] = (readiness[ready] ?? 0) + 1
    lags = {
      normalizer: await groupLag(NORMALIZER_GROUP, rawTopics).catch(() => -1),
      merger: await groupLag(MERGER_GROUP, canonicalTopics()).catch(() => -1)
    }
    if (profileS > 0 && Date.now() - profiled >= profileS * 1000) {
      profiled = Date.now()
      process.stderr.write(JSON.stringify({ ...await profile().catch(err => ({ error: String(err) })), lags }) + '\n')
    }
    maxLag = { normalizer: Math.max(maxLag.normalizer, lags.normalizer), merger: Math.max(maxLag.merger, lags.merger) }
    const caughtUp = hub.connectors.every(c => Object.values(c.status().streams).every(s => s.derived || s.caughtUp))
    settled = caughtUp && lags.normalizer === 0 && lags.merger === 0 ? settled + 1 : 0
  }
  const doneMs = Date.now() - started
  // Best effort: FerretDB 1.24 pushes neither the sort on _id nor the keyset filter down, so each page
  // reads and sorts the whole collection and may outlast the driver's socket timeout at 5,000 persons.
  // The figures above do not depend on it.
  let persons: number | string = 0
  try {
    let counted = 0
    for (let page = await hub.store.find('persons', { limit: MAX_FIND_LIMIT }); page.length > 0;) {
      counted += page.length
      const last = page[page.length - 1]
      page = page.length < MAX_FIND_LIMIT ? []
        : await hub.store.find('persons', { limit: MAX_FIND_LIMIT, after: { id: last._id, value: last._id } })
    }
    persons = counted
  } catch (err) { persons = `not counted: ${(err as Error).message}` }
  const ends = await hub.eventLog.lastOffsets([...rawTopics, ...canonicalTopics()])
  const count = (topics: string[]): number => ends.filter(e => topics.includes(e.topic))
    .reduce((n, e) => n + (e.lastOffset === null ? 0 : Number(e.lastOffset) + 1), 0)
  await hub.stop()
  process.stdout.write(JSON.stringify({
    bench: 'store-load',
    engines: { eventLog: hub.eventLog.kind, store: hub.store.kind },
    citizens,
    settings: { maxPoolSize: config.mongodb.maxPoolSize, maxInFlight: config.mongodb.maxInFlight,
      batchSize: config.consumer.batchSize },
    completed,
    lagAtEnd: lags,
    seconds: Math.round(doneMs / 100) / 10,
    rawEvents: count(rawTopics),
    canonicalEvents: count(canonicalTopics()),
    persons,
    rawEventsPerSecond: Math.round(count(rawTopics) / (doneMs / 1000)),
    maxLag,
    storePingMs: { ...stats(ping), timeouts: pingTimeouts },
    healthLiveMs: { ...stats(live), timeouts: liveTimeouts },
    healthReadyStatuses: readiness
  }, null, 2) + '\n')
}

main().then(() => process.exit(0), err => {
  process.stderr.write(`store-load failed: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
