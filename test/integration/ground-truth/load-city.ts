// Test helper: a small synthetic city through the whole pipeline on the embedded adapters — the
// five built-in connectors, the event log, the normalizer and the merger — run until drained.
// Returns the store with the golden records, the dead letters and the city's ground truth.
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { ConsumedMessage, Subscription } from '../../../infra/ports/event-log.js'
import { deadLetterTopic } from '../../../infra/event-log/dead-letters.js'
import type { Store } from '../../../infra/ports/store.js'
import { startSimulatedCity, type SimulatedCity, type SimulatedCityOptions } from '../../../sim/server/city.js'
import type { TruthEntry } from '../../../sim/city/truth.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import { builtInConnectors, builtInMappings } from '../../../connectors/built-in.js'
import { createPollRunner } from '../../../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'
import { createMappingValidator } from '../../../connectors/mapping/validate-mapping.js'
import { staticCatalog } from '../../../consumers/normalizer/connector-catalog.js'
import { startNormalizer, NORMALIZER_GROUP } from '../../../consumers/normalizer/normalizer.js'
import { startMerger } from '../../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { WAIT_BOUND_MS, waitFor } from '../../helpers/wait-for.js'

const DEPARTMENT: Record<string, keyof SimulatedCity['departments']> = {
  'civil-status': 'civilStatus', residence: 'residence', land: 'land', 'health-insurance': 'bhyt',
    'business-household': 'business',
  'driver-licence': 'gplx',
  'unemployment-benefit': 'viecLam',
  'student-enrolment': 'giaoDuc',
  notarization: 'congChung',
  'construction-permit': 'xayDung',
  'civil-servant': 'noiVu',
  'social-beneficiary': 'chinhSach',
  'urban-infrastructure': 'haTang'
}

export interface LoadedCity {
  store: Store
  truth: TruthEntry[]
  /** The served issue-19 departments' truth (gplx). */
  sourceTruth: SourceTruthEntry[]
  deadLetters: ConsumedMessage[]
  counts: { raw: number, canonical: number, merged: number, parked: number, normalizerDead: number }
  close: () => Promise<void>
}

export async function loadCity (dir: string, city: SimulatedCityOptions,
  { batchSize = 200, timeoutMs = WAIT_BOUND_MS } = {}): Promise<LoadedCity> {
  const logger = pino({ level: 'silent' })
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const sim = await startSimulatedCity(city)
  const subs: Subscription[] = []
  const counts = { raw: 0, canonical: 0, merged: 0, parked: 0, normalizerDead: 0 }
  const deadLetters: ConsumedMessage[] = []
  const close = async (): Promise<void> => {
    for (const s of subs) await s.stop()
    await sim.close()
    await eventLog.close()
    await store.close()
  }
  try {
    if (sim.truth === undefined) throw new Error('an in-memory city carries its truth')
    const schemas = createSchemaValidator()
    subs.push(await startMerger({
      eventLog, store, logger, rules: loadSurvivorship(), batchSize, maxAttempts: 3,
      onBatch: s => { counts.merged += s.events }
    }))
    subs.push(await startNormalizer({
      eventLog, store, logger, catalog: staticCatalog(builtInMappings()),
      validateEvent: schemas.validator<ChangeEvent>('change-event'), mappingValidator: createMappingValidator(schemas),
      batchSize, maxAttempts: 3,
      onBatch: s => {
        counts.raw += s.raw; counts.canonical += s.canonical; counts.parked += s.parked
        counts.normalizerDead += s.dead
      }
    }))
    const ids = builtInConnectors.map(c => c.manifest.id)
    subs.push(await eventLog.subscribe({
      group: 'ground-truth-dlq',
      topics: [...ids.map(id => `dlq.connector.${id}`), deadLetterTopic(NORMALIZER_GROUP)],
      handler: async batch => { deadLetters.push(...batch) }
    }))
    const compile = createRawSchemaCompiler()
    const runners = builtInConnectors.map(connector => createPollRunner({
      connector, baseUrl: sim.departments[DEPARTMENT[connector.manifest.id]].url,
      pageSize: batchSize, timeoutMs: 10000, eventLog, store, logger, compile
    }))
    await Promise.all(runners.map(async r => await r.runOnce()))
    // Derived streams (residence households, land certificates…) publish raw events too.
    const published = runners.reduce((n, r) => n + Object.values(r.status().streams)
      .reduce((m, s) => m + s.published, 0), 0)
    const rejected = runners.reduce((n, r) => n + r.status().rejected, 0)
    // Drained: the normalizer has read every raw event, the merger every canonical one, and the
    // connectors' dead letters have all arrived.
    await waitFor(() => counts.raw >= published && counts.merged >= counts.canonical
      && deadLetters.filter(d => d.topic.startsWith('dlq.connector.')).length >= rejected,
      { what: 'the pipeline to drain', timeoutMs })
    return { store, truth: sim.truth, sourceTruth: sim.sourceTruth ?? [], deadLetters, counts, close }
  } catch (err) {
    await close()
    throw err
  }
}
