// The rebuild scenario for any pair of adapters: a live merger folds a few hundred canonical events
// (several sources, conflicts, deletes, duplicates), then `lienthong rebuild` replays the log into
// an empty target and the canonical hashes of both stores must be equal; a tampered live store
// must not be.
import type { Test } from 'tap'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { loadConfig, type DeepPartial } from '../../../hub/config.js'
import type { HubConfig } from '../../../infra/config/schema.js'
import { openEventLog, openStore } from '../../../infra/open-adapters.js'
import { canonicalEntities, canonicalTopic, type CanonicalEntity,
  type CanonicalEvent } from '../../../schemas/canonical-event.js'
import { startMerger } from '../../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { goldenCollection, type GoldenRecord } from '../../../records/golden-record.js'
import { rebuildCommand } from '../../../hub/commands/rebuild.js'
import { waitFor } from '../../helpers/wait-for.js'
import { canonicalEvent } from '../../unit/merger/fixtures.js'

/** A seeded generator, so a failure can be replayed. */
function random (seed: number): () => number {
  let s = seed >>> 0
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32 }
}

export function cityEvents (count: number, seed = 47): CanonicalEvent[] {
  const next = random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]
  const systems = ['ho-tich', 'cu-tru', 'bhyt', 'dat-dai', 'dang-ky-kinh-doanh']
  const out: CanonicalEvent[] = []
  for (let i = 0; i < count; i++) {
    const entity: CanonicalEntity = next() < 0.6 ? 'person' : pick(canonicalEntities)
    const entityId = entity === 'person' ? `0920850${String(Math.floor(next() * 40)).padStart(5, '0')}`
      : `${entity}-${Math.floor(next() * 10)}`
    const fields: Record<string, unknown> = {
      fullName: pick(['Nguyễn Văn An', 'Nguyễn Văn Ân', 'Trần Thị Mai']),
      phone: pick(['0912000001', '0912000002']),
      ...(next() < 0.5 ? { householdId: pick(['HO-1', 'HO-2']) } : {}),
      ...(entity !== 'person' ? { holderPersonalIds: ['092085000001', `0920850${String(i % 40).padStart(5, '0')}`] }
        : {})
    }
    const event = canonicalEvent({ entity, entityId, system: pick(systems), op: next() < 0.1 ? 'delete' : 'upsert',
      at: Math.floor(next() * 50), ingestAfter: Math.floor(next() * 300), fields, id: `ev-${seed}-${i}` })
    out.push(event)
    if (next() < 0.05) out.push(event) // a duplicate, as an at-least-once producer makes
  }
  return out
}

const sink = (): { stream: Writable, text: () => string } => {
  let text = ''
  return { stream: new Writable({ write (chunk, _e, done) { text += String(chunk); done() } }), text: () => text }
}

export interface ScenarioOptions {
  /**
   * The log is shared with other tests and earlier runs (Kafka topics are global): events from them are replayed too.
   */
  sharedLog?: boolean
}

export async function rebuildScenario (t: Test, live: DeepPartial<HubConfig>, targets: [string[], string[], string[]],
  { sharedLog = false }: ScenarioOptions = {}): Promise<void> {
  const runId = Date.now().toString(36)
  const config = loadConfig({ overrides: { logLevel: 'silent', consumer: { batchSize: 50, maxAttempts: 3 }, ...live } })
  const logger = pino({ level: 'silent' })
  const eventLog = openEventLog(config, logger)
  const store = await openStore(config)
  t.teardown(async () => { await eventLog.close(); await store.close() })
  // Every message the live merger has processed, duplicates included: it is done when this reaches
  // what was published. (A marker per topic is not enough: on Kafka a topic has several partitions,
  // and the marker's partition can be drained before the others.)
  let processed = 0
  const merger = await startMerger({ eventLog, store, logger, rules: loadSurvivorship(), batchSize: 50, maxAttempts: 3,
    onBatch: s => { processed += s.events } })

  const events = cityEvents(400, sharedLog ? Date.now() % 100000 : 47)
  // One closing event per topic, so the test knows when the live merger has read everything.
  const markers = canonicalEntities.map(entity => canonicalEvent({ entity, entityId: `zz-marker-${runId}-${entity}`,
    system: 'ho-tich', at: 60, fields: {}, id: `marker-${runId}-${entity}` }))
  for (const entity of canonicalEntities) {
    const batch = [...events, ...markers].filter(e => e.entity === entity)
    for (let i = 0; i < batch.length; i += 100) {
      await eventLog.publish(canonicalTopic(entity), batch.slice(i, i + 100)
        .map(e => ({ key: e.entityId, value: JSON.stringify(e) })))
    }
  }
  const published = events.length + markers.length
  await waitFor(async () => {
    if (processed < published) return false
    for (const m of markers) if (await store.get(goldenCollection[m.entity], m.entityId) === undefined) return false
    return true
  }, { what: `the live merger to process all ${published} events`, timeoutMs: 120000 })
  await merger.stop()

  const run = async (args: string[]): Promise<{ code: number, out: string, err: string }> => {
    const out = sink()
    const err = sink()
    const code = await rebuildCommand.run({ config, logger, args, stdout: out.stream, stderr: err.stream })
    return { code, out: out.text(), err: err.text() }
  }

  const first = await run(targets[0])
  t.equal(first.code, 0, `rebuild reproduces the live store: ${first.out}${first.err.slice(-500)}`)
  const report = JSON.parse(first.out)
  t.equal(report.equal, true)
  t.equal(report.live.hash, report.rebuilt.hash)
  if (sharedLog) t.ok(report.events >= events.length + markers.length, 'every event replayed')
  else t.equal(report.events, events.length + markers.length, 'every event replayed')
  t.ok(report.live.documents.persons > 10 && report.live.documents.history > 100 && report.live.documents.conflicts > 0,
    'a store with something in it')
  t.same(report.rebuilt.documents, report.live.documents)
  t.match(first.err, /rebuild: replay done/)

  const again = await run(targets[0])
  t.equal(again.code, 2, 'a non-empty target is refused')
  t.match(again.err, /empty/)

  // Tamper with one live record: the hashes must now differ.
  const [victim] = await store.find('persons', { limit: 1 }) as GoldenRecord[]
  await store.bulkUpsert('persons', [{ doc: { ...victim, version: victim.version + 1,
    fields: { ...victim.fields, fullName: 'Sửa tay' } }, expectedVersion: victim.version }])
  const tampered = await run(targets[1])
  t.equal(tampered.code, 1, 'a store that differs from the log is caught')
  t.equal(JSON.parse(tampered.out).equal, false)

  const usage = await run(targets[2])
  t.equal(usage.code, 2, 'no target: usage')
}
