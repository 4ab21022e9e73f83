// bench/ingest: a synthetic city through the whole pipeline — five connectors, event log,
// normalizer, merger — on the embedded adapters or on the real engines, with the ceilings measured
// in the same run: the raw bulk-upsert rate of the same store at the same batch size, and the raw
// publish and consume rates of the same event log; and the write floor, the merger's own store
// writes timed alone (see measureWriteFloor). Prints one JSON object.
// Usage: npm run bench:ingest -- [--citizens 2000] [--batch 500] [--engine embedded|real]
//   --engine real uses KAFKA_BROKERS and MONGODB_URI (defaults: the infra/engines ports).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { loadConfig } from '../hub/config.js'
import { openEventLog, openStore } from '../infra/open-adapters.js'
import type { EventLog } from '../infra/ports/event-log.js'
import type { CollectionName, Store, StoredDoc } from '../infra/ports/store.js'
import { startSimulatedCity } from '../sim/server/city.js'
import { builtInConnectors, builtInMappings } from '../connectors/built-in.js'
import { createPollRunner } from '../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../connectors/runner/raw-schema-compiler.js'
import { toChangeEvent } from '../connectors/runner/change-event.js'
import { createSchemaValidator } from '../schemas/validator.js'
import type { ChangeEvent } from '../schemas/change-event.js'
import { createMappingValidator } from '../connectors/mapping/validate-mapping.js'
import { staticCatalog } from '../consumers/normalizer/connector-catalog.js'
import { startNormalizer } from '../consumers/normalizer/normalizer.js'
import { startMerger } from '../consumers/merger/merger.js'
import { loadSurvivorship } from '../consumers/merger/survivorship.js'
import { goldenCollection } from '../records/golden-record.js'
import { documentsOf } from '../consumers/merger/store-hash.js'
import type { CanonicalEntity } from '../schemas/canonical-event.js'

const DEPARTMENT = { 'civil-status': 'civilStatus', residence: 'residence', land: 'land', 'health-insurance': 'bhyt', 'business-household': 'business' } as const

function flag (name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback
}

async function until (done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the pipeline to drain')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

async function main (): Promise<void> {
  const citizens = Number(flag('citizens', '2000'))
  const batch = Number(flag('batch', '500'))
  const engine = flag('engine', 'embedded')
  const run = `bench${Date.now().toString(36)}`
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-ingest-'))
  const config = loadConfig({
    env: engine === 'real' ? { KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092', MONGODB_URI: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018' } : {},
    overrides: { dataDir: dir, logLevel: 'silent', kafka: { namespace: run, clientId: run }, mongodb: { database: run }, consumer: { batchSize: batch } }
  })
  const logger = pino({ level: 'silent' })
  const eventLog = openEventLog(config, logger)
  const store = await openStore(config)
  const city = await startSimulatedCity({ citizens, seed: 47 })
  try {
    const pipeline = await runPipeline(eventLog, store, city, batch, logger)
    const ceilings = await measureCeilings(eventLog, store, batch, pipeline.sampleRaw, pipeline.raw)
    const lower = Math.min(ceilings.storeBulkUpsertDocsPerSec, ceilings.logPublishPerSec, ceilings.logConsumePerSec)
    const floor = await measureWriteFloor(store, batch, pipeline)
    process.stdout.write(JSON.stringify({
      bench: 'ingest',
      engine: `${eventLog.kind}+${store.kind}`,
      citizens,
      batchSize: batch,
      ...pipeline.figures,
      ceilings,
      lowerCeilingPerSec: lower,
      ratio: round(pipeline.figures.endToEndRawEventsPerSec / lower, 3),
      target: '>= 0.5 of the lower ceiling',
      met: pipeline.figures.endToEndRawEventsPerSec / lower >= 0.5,
      writeFloor: {
        what: 'the store writes the merger cannot avoid, timed alone at the same batch size: per collection, one golden upsert per golden write it made and one history append per version, with documents of that collection; no reads, merging, normalizing or event log',
        goldenDocBytes: floor.goldenDocBytes,
        snapshotHistory: { ...floor.snapshot, ratio: round(floor.snapshot.rawEventsPerSec / lower, 3) },
        eventSizedHistory: { ...floor.eventSized, ratio: round(floor.eventSized.rawEventsPerSec / lower, 3), note: 'history entries the size of one event instead of a snapshot' }
      },
      machine: '2 cores, noisy; load generator (simulated city) in the same process'
    }, null, 2) + '\n')
  } finally {
    await city.close()
    await eventLog.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function runPipeline (eventLog: EventLog, store: Store, city: Awaited<ReturnType<typeof startSimulatedCity>>, batch: number, logger: pino.Logger) {
  const schemas = createSchemaValidator()
  let rawSeen = 0
  let canonicalPublished = 0
  let merged = 0
  let versions = 0
  let goldenWrites = 0
  const normalizer = await startNormalizer({
    eventLog, store, logger, catalog: staticCatalog(builtInMappings()),
    validateEvent: schemas.validator<ChangeEvent>('change-event'), mappingValidator: createMappingValidator(schemas),
    batchSize: batch, maxAttempts: 3,
    onBatch: s => { rawSeen += s.raw; canonicalPublished += s.canonical }
  })
  const merger = await startMerger({ eventLog, store, logger, rules: loadSurvivorship(), batchSize: batch, maxAttempts: 3, onBatch: s => { merged += s.events; versions += s.versions; goldenWrites += s.records } })
  const compile = createRawSchemaCompiler()
  const runners = builtInConnectors.map(connector => createPollRunner({
    connector, baseUrl: city.departments[DEPARTMENT[connector.manifest.id as keyof typeof DEPARTMENT]].url,
    pageSize: batch, timeoutMs: 30000, eventLog, store, logger, compile
  }))
  const t0 = performance.now()
  const progress = setInterval(() => process.stderr.write(`ingest: normalized ${rawSeen} raw, merged ${merged}/${canonicalPublished} canonical\n`), 5000)
  await Promise.all(runners.map(async r => await r.runOnce()))
  const connectorsMs = performance.now() - t0
  const raw = runners.reduce((n, r) => n + r.status().published, 0)
  await until(() => rawSeen >= raw, 600000)
  const normalizedMs = performance.now() - t0
  await until(() => merged >= canonicalPublished, 600000)
  const totalMs = performance.now() - t0
  clearInterval(progress)
  await normalizer.stop()
  await merger.stop()
  const sampleRaw = oneRawMessage(city)
  return {
    raw,
    sampleRaw,
    goldenWrites,
    versions,
    figures: {
      rawEvents: raw,
      canonicalEvents: canonicalPublished,
      goldenVersions: versions,
      goldenWrites,
      connectorsSeconds: round(connectorsMs / 1000, 2),
      normalizedAfterSeconds: round(normalizedMs / 1000, 2),
      endToEndSeconds: round(totalMs / 1000, 2),
      endToEndRawEventsPerSec: Math.round(raw / (totalMs / 1000)),
      endToEndCanonicalEventsPerSec: Math.round(canonicalPublished / (totalMs / 1000))
    }
  }
}

/** One raw event of the real size (a civil-status record in its envelope), for the log ceilings. */
function oneRawMessage (city: Awaited<ReturnType<typeof startSimulatedCity>>): string {
  const connector = builtInConnectors[0]
  const record = city.departments.civilStatus.streams['cong-dan'].records()[0]
  return JSON.stringify(toChangeEvent(connector.manifest, 'persons', connector.toChange(record as never), false, new Date().toISOString()))
}

async function measureCeilings (eventLog: EventLog, store: Store, batch: number, sampleRaw: string, count: number) {
  // Store: documents shaped like golden records, written with versioned bulk upserts.
  const sample = (await store.find('persons', { limit: 1 }))[0] as StoredDoc
  const docs = Math.max(2000, Math.min(count, 20000))
  let t0 = performance.now()
  for (let i = 0; i < docs; i += batch) {
    const writes = Array.from({ length: Math.min(batch, docs - i) }, (_v, j) => ({ doc: { ...sample, _id: `ceiling-${i + j}`, version: 1 }, expectedVersion: null }))
    await store.bulkUpsert('persons', writes)
  }
  const storeBulkUpsertDocsPerSec = Math.round(docs / ((performance.now() - t0) / 1000))
  // Event log: publish then consume the same number of raw-sized messages.
  const topic = `bench.ceiling.${Date.now()}`
  t0 = performance.now()
  for (let i = 0; i < count; i += batch) {
    await eventLog.publish(topic, Array.from({ length: Math.min(batch, count - i) }, (_v, j) => ({ key: String((i + j) % 997), value: sampleRaw })))
  }
  const logPublishPerSec = Math.round(count / ((performance.now() - t0) / 1000))
  // Timed from the first message delivered, so a Kafka group join does not count as consuming.
  let consumed = 0
  let first = 0
  const sub = await eventLog.subscribe({ group: `${topic}.reader`, topics: [topic], maxBatchSize: batch, handler: async b => { first ||= performance.now(); consumed += b.length } })
  await until(() => consumed >= count, 600000)
  const logConsumePerSec = Math.round(count / ((performance.now() - first) / 1000))
  await sub.stop()
  return { storeBulkUpsertDocsPerSec, logPublishPerSec, logConsumePerSec, storeDocsWritten: docs, logMessages: count }
}

/**
 * The write floor: the golden upserts and history appends the merger made, replayed as raw bulk
 * writes into the same store at the same batch size, each collection's writes with a document of
 * that collection (its versions counted from history, scaled to the golden writes the merger
 * really made). No pipeline that writes them can be faster, so a floor below the target means the
 * target is out of reach for this data model on this machine.
 */
async function measureWriteFloor (store: Store, batch: number, pipeline: { raw: number, goldenWrites: number, versions: number, sampleRaw: string }) {
  const perEntity = new Map<CanonicalEntity, { versions: number, history: StoredDoc }>()
  for await (const doc of documentsOf(store, 'history')) {
    const entity = doc.entity as CanonicalEntity
    const seen = perEntity.get(entity)
    if (seen === undefined) perEntity.set(entity, { versions: 1, history: doc })
    else seen.versions++
  }
  const plan = await Promise.all([...perEntity].map(async ([entity, { versions, history }]) => ({
    collection: goldenCollection[entity],
    golden: (await store.find(goldenCollection[entity], { limit: 1 }))[0] as StoredDoc,
    goldenWrites: Math.round(versions * pipeline.goldenWrites / pipeline.versions),
    versions,
    history
  })))
  const bulk = async (collection: CollectionName, doc: StoredDoc, count: number, prefix: string): Promise<void> => {
    for (let i = 0; i < count; i += batch) {
      await store.bulkUpsert(collection, Array.from({ length: Math.min(batch, count - i) }, (_v, j) => ({ doc: { ...doc, _id: `${prefix}-${i + j}`, version: 1 }, expectedVersion: null })))
    }
  }
  const timeWrites = async (prefix: string, historyOf: (history: StoredDoc) => StoredDoc) => {
    const t0 = performance.now()
    for (const p of plan) await bulk(p.collection, p.golden, p.goldenWrites, `${prefix}-g`)
    for (const p of plan) await bulk('history', historyOf(p.history), p.versions, `${prefix}-h-${p.collection}`)
    const seconds = (performance.now() - t0) / 1000
    const historyBytes = plan.reduce((n, p) => n + JSON.stringify(historyOf(p.history)).length * p.versions, 0)
    return { seconds: round(seconds, 2), historyDocBytesAverage: Math.round(historyBytes / pipeline.versions), rawEventsPerSec: Math.round(pipeline.raw / seconds) }
  }
  const eventSized = (history: StoredDoc): StoredDoc => ({ _id: '', version: 1, recordKey: history.recordKey, event: JSON.parse(pipeline.sampleRaw) as unknown })
  return {
    goldenDocBytes: Object.fromEntries(plan.map(p => [p.collection, JSON.stringify(p.golden).length])),
    snapshot: await timeWrites('floor-snapshot', h => h),
    eventSized: await timeWrites('floor-event', eventSized)
  }
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits))

main().catch(err => { process.stderr.write(`bench/ingest failed: ${(err as Error).stack ?? String(err)}\n`); process.exit(1) })
