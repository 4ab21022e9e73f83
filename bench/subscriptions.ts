// bench/subscriptions: delivery latency from a source change to the webhook received. A push
// connector sends one new person per tick at a steady rate; the hub (in this process, embedded
// adapters) normalizes, merges, publishes the change and delivers it to every subscription, each
// with its own reference receiver (sim/subscriber). For each subscription count (1, then 50) it first
// measures the sustained rate (a burst pushed in batches as fast as the hub takes them, timed until
// every receiver has every change), then pushes one change per tick at half that rate (or --rate) and
// reports p50/p99/max from push to webhook received. Prints one JSON object. Nothing is asserted.
// Usage: node scripts/build-if-stale.mjs && node dist/bench/subscriptions.js [--rate N] [--seconds 20]
//   [--burst 400] [--subscriptions 1,50]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { loadConfig } from '../hub/config.js'
import { startHub } from '../hub/start-hub.js'
import { createClient, issueKey } from '../gateway/security/clients.js'
import { putGrant } from '../gateway/security/grants.js'
import { startReceiver, type Receiver } from '../sim/subscriber/receiver.js'
import { CONNECTOR_ID, PUSH_TOKEN, pushRecord, pushRegistration, personalIdOf } from './subscriptions/push-source.js'

const OPERATOR_KEY = 'bench-operator-key-0123456789abcdefghijkl'
const PURPOSE = 'bench.subscriptions'

function flag (name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback
}

const percentile = (sorted: number[], p: number): number => sorted.length === 0 ? NaN
  : sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]

async function main (): Promise<void> {
  const fixedRate = flag('rate', '') === '' ? undefined : Number(flag('rate', ''))
  const burst = Number(flag('burst', '400'))
  const seconds = Number(flag('seconds', '20'))
  const counts = flag('subscriptions', '1,50').split(',').map(Number)
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-subs-'))
  const config = loadConfig({
    overrides: {
      dataDir: dir, port: 0, logLevel: 'silent',
      sim: { citizens: 20, changesPerSecond: 0 },
      security: { operatorKey: OPERATOR_KEY, demoClients: false },
      connectors: { ssrfAllow: ['127.0.0.1/32'] }
    }
  })
  const hub = await startHub(config, pino({ level: 'silent' }))
  const base = hub.gatewayUrl as string
  const receivers: Receiver[] = []
  try {
    const call = async (method: string, path: string, key: string, body?: unknown): Promise<any> => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
      const text = await res.text()
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
      return text === '' ? undefined : JSON.parse(text)
    }
    await call('POST', '/v1/connectors', OPERATOR_KEY, pushRegistration)
    await createClient(hub.store, { id: 'bench-department', name: 'Bench department', kind: 'department' })
    const { key } = await issueKey(hub.store, 'bench-department')
    await putGrant(hub.store,
      { clientId: 'bench-department', purpose: PURPOSE, entity: 'person', fields: ['personalId', 'fullName'] })
    // The registry reaches the consumers within topicRefreshMs; give the first push time to flow.
    await new Promise(resolve => setTimeout(resolve, config.connectors.topicRefreshMs + 500))

    const results = []
    let n = 0
    for (const count of counts) {
      while (receivers.length < count) {
        const receiver = await startReceiver({ secrets: [] })
        const created = await call('POST', '/v1/subscriptions', key,
          { entity: 'person', purpose: PURPOSE, url: receiver.url })
        receiver.setSecrets([created.secret])
        receivers.push(receiver)
      }
      for (const r of receivers) { r.received.length = 0; r.applied.length = 0 }
      // Sustained rate: a burst in batches of 50, timed from the first push until every receiver has
      // every change of it (push, normalize, merge, publish, deliver: the whole path, at its limit).
      const burstIds = new Set<string>()
      const burstStarted = Date.now()
      for (let i = 0; i < burst; i += 50) {
        const events = []
        for (let j = i; j < Math.min(burst, i + 50); j++) {
          n++
          burstIds.add(personalIdOf(n))
          events.push({ eventId: `e${n}`, record: pushRecord(n) })
        }
        await call('POST', `/v1/connectors/${CONNECTOR_ID}/events`, PUSH_TOKEN, { batchId: `b${n}`, events })
      }
      const burstDeadline = Date.now() + 300000
      const burstGot = (): number =>
        receivers.reduce((sum, r) => sum + r.applied.filter(c => burstIds.has(c.entityId)).length, 0)
      while (burstGot() < burst * count && Date.now() < burstDeadline) {
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      const burstSeconds = (Date.now() - burstStarted) / 1000
      const sustainedPerSecond = burstGot() < burst * count ? NaN : burst / burstSeconds
      const rate = fixedRate ?? Math.max(1, Math.floor(sustainedPerSecond / 2))
      for (const r of receivers) { r.received.length = 0; r.applied.length = 0 }
      const pushedAt = new Map<string, number>()
      const first = n + 1
      const total = Math.round(rate * seconds)
      const started = Date.now()
      for (let i = 0; i < total; i++) {
        const due = started + i * 1000 / rate
        if (due > Date.now()) await new Promise(resolve => setTimeout(resolve, due - Date.now()))
        n++
        pushedAt.set(personalIdOf(n), Date.now())
        await call('POST', `/v1/connectors/${CONNECTOR_ID}/events`, PUSH_TOKEN,
          { batchId: `b${n}`, events: [{ eventId: `e${n}`, record: pushRecord(n) }] })
      }
      const expected = total * count
      const deadline = Date.now() + 120000
      const got = (): number =>
        receivers.reduce((sum, r) => sum + r.applied.filter(c => pushedAt.has(c.entityId)).length, 0)
      while (got() < expected && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
      const latencies = receivers.flatMap(r => r.applied.filter(c => pushedAt.has(c.entityId))
        .map(c => c.at - (pushedAt.get(c.entityId) as number))).sort((a, b) => a - b)
      results.push({
        subscriptions: count, burst, burstSeconds, sustainedChangesPerSecond: Math.round(sustainedPerSecond * 10) / 10,
        rate, rateIs: fixedRate === undefined ? 'half the sustained rate' : '--rate', changes: total,
        firstPerson: first, deliveriesExpected: expected, deliveriesReceived: latencies.length,
        p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: latencies.at(-1) ?? NaN
      })
    }
    console.log(JSON.stringify({ bench: 'subscriptions', engine: 'embedded', seconds, targetP99Ms: 1000, results },
      null, 2))
  } finally {
    for (const r of receivers) await r.close()
    await hub.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch(err => { console.error(err); process.exit(1) })
