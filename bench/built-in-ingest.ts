// Ingest rate of the five built-in connectors on the embedded adapters: a simulated city is read
// through every connector into the event log (connector stage), then the normalizer maps the raw
// topics to canonical ones (normalizer stage); figures in records per second. The ceiling, in the
// same run: the embedded log's raw publish rate for messages of the same size.
// Usage: npm run build && node dist/bench/built-in-ingest.js [citizens=2000] [pageSize=500]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../infra/store/embedded.js'
import { startSimulatedCity } from '../sim/server/city.js'
import { builtInConnectors, builtInMappings } from '../connectors/built-in.js'
import { createPollRunner } from '../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../connectors/runner/raw-schema-compiler.js'
import { createSchemaValidator } from '../schemas/validator.js'
import { createMappingValidator } from '../connectors/mapping/validate-mapping.js'
import { staticCatalog } from '../consumers/normalizer/connector-catalog.js'
import { startNormalizer } from '../consumers/normalizer/normalizer.js'
import type { ChangeEvent } from '../schemas/change-event.js'

const HANDLES = { 'civil-status': 'civilStatus', residence: 'residence', land: 'land', 'health-insurance': 'bhyt', 'business-household': 'business' } as const

async function main (): Promise<void> {
  const citizens = Number(process.argv[2] ?? 2000)
  const pageSize = Number(process.argv[3] ?? 500)
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-'))
  const logger = pino({ level: 'silent' })
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const city = await startSimulatedCity({ citizens, seed: 47 })
  try {
    const compile = createRawSchemaCompiler()
    const runners = builtInConnectors.map(connector => createPollRunner({
      connector, baseUrl: city.departments[HANDLES[connector.manifest.id as keyof typeof HANDLES]].url,
      pageSize, timeoutMs: 30000, eventLog, store, logger, compile
    }))
    let t0 = performance.now()
    for (const r of runners) await r.runOnce()
    const connectorMs = performance.now() - t0
    const statuses = runners.map(r => r.status())
    const published = statuses.reduce((n, s) => n + Object.values(s.streams).reduce((m, x) => m + x.published, 0), 0)
    const read = statuses.reduce((n, s) => n + s.read, 0)

    // Normalizer: from the first raw event to the last one consumed.
    const schemas = createSchemaValidator()
    let consumed = 0
    t0 = performance.now()
    const normalizer = await startNormalizer({
      eventLog, store, logger, catalog: staticCatalog(builtInMappings()),
      validateEvent: schemas.validator<ChangeEvent>('change-event'), mappingValidator: createMappingValidator(schemas),
      batchSize: 500, maxAttempts: 3
    })
    const canonical = await eventLog.subscribe({ group: 'bench-canonical', topics: ['canonical.person', 'canonical.household', 'canonical.land-parcel', 'canonical.land-use-certificate', 'canonical.health-insurance-card', 'canonical.business-household'], handler: async b => { consumed += b.length } })
    // The normalizer is done when the canonical count stops moving for a while.
    let last = -1
    let stableSince = performance.now()
    for (;;) {
      await new Promise(resolve => setTimeout(resolve, 50))
      if (consumed !== last) { last = consumed; stableSince = performance.now(); continue }
      if (performance.now() - stableSince > 1000) break
    }
    const normalizerMs = stableSince - t0
    await normalizer.stop()
    await canonical.stop()

    // Ceiling: raw publish of the same number of messages of the same size, in pages.
    const sample = JSON.stringify({ pad: 'x'.repeat(900) })
    t0 = performance.now()
    for (let i = 0; i < published; i += pageSize) await eventLog.publish('bench.ceiling', Array.from({ length: Math.min(pageSize, published - i) }, (_, j) => ({ key: String(i + j), value: sample })))
    const ceilingMs = performance.now() - t0

    const rate = (n: number, ms: number): number => Math.round(n / (ms / 1000))
    process.stdout.write(JSON.stringify({
      bench: 'built-in-ingest',
      adapters: 'embedded',
      citizens,
      pageSize,
      recordsRead: read,
      rawEventsPublished: published,
      canonicalEvents: consumed,
      connectorStage: { ms: Math.round(connectorMs), recordsPerSecond: rate(read, connectorMs) },
      normalizerStage: { ms: Math.round(normalizerMs), rawEventsPerSecond: rate(published, normalizerMs) },
      endToEnd: { recordsPerSecond: rate(read, connectorMs + normalizerMs) },
      ceiling: { embeddedPublishPerSecond: rate(published, ceilingMs) },
      ratio: { connectorToCeiling: Number((rate(read, connectorMs) / rate(published, ceilingMs)).toFixed(3)) }
    }) + '\n')
  } finally {
    await city.close()
    await eventLog.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch(err => { process.stderr.write(`${(err as Error).stack ?? String(err)}\n`); process.exit(1) })
