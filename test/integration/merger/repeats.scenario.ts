// Repeats leave no trace, on any pair of adapters. Two departments of a small synthetic city go
// through the connectors, the normalizer, the merger and the dead-letter archiver. Then the
// residence source is sent again twice, the ways it happens in production:
// - a connector killed between publishing a page and saving its cursor publishes the page again:
//   the same raw events (same ids, same contents, its dead letters too) with a later ingest time;
// - every poll re-run from an empty cursor: the whole source read again.
// After each, golden records, history, conflicts and dead letters must be byte-identical to
// before (a hash of every document as stored, nothing stripped).
import type { Test } from 'tap'
import { createHash } from 'node:crypto'
import { pino } from 'pino'
import type { ConsumedMessage, EventLog, Subscription } from '../../../infra/ports/event-log.js'
import type { CollectionName, Store } from '../../../infra/ports/store.js'
import { canonicalJson } from '../../../infra/shared/canonical-json.js'
import { startSimulatedCity, type SimulatedCity } from '../../../sim/server/city.js'
import { builtInConnectors, builtInMappings } from '../../../connectors/built-in.js'
import { createPollRunner, type PollRunner } from '../../../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'
import { createMappingValidator } from '../../../connectors/mapping/validate-mapping.js'
import { staticCatalog } from '../../../consumers/normalizer/connector-catalog.js'
import { startNormalizer } from '../../../consumers/normalizer/normalizer.js'
import { startMerger } from '../../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { documentsOf, mergerCollections } from '../../../consumers/merger/store-hash.js'
import { startDeadLetterArchiver } from '../../../consumers/dead-letters/archiver.js'
import { waitFor, uniqueName } from '../../helpers/wait-for.js'

const DEPARTMENT: Record<string, keyof SimulatedCity['departments']> =
  { 'civil-status': 'civilStatus', residence: 'residence' }
const REPEATED = 'residence'
const hashed: CollectionName[] = [...mergerCollections, 'dead_letters']

export interface StoreSnapshot { hash: string, documents: Record<string, number> }

/** Every document of the merger's collections and the dead letters, exactly as stored. */
export async function snapshotStore (store: Store): Promise<StoreSnapshot> {
  const sha = createHash('sha256')
  const documents: Record<string, number> = {}
  for (const collection of hashed) {
    let n = 0
    for await (const doc of documentsOf(store, collection)) {
      sha.update(`${collection}\n${canonicalJson(doc)}\n`); n++ }
    documents[collection] = n
  }
  return { hash: sha.digest('hex'), documents }
}

export async function repeatsScenario (t: Test, { eventLog, store, citizens = 120, timeoutMs = 60000 }: {
  eventLog: EventLog, store: Store, citizens?: number, timeoutMs?: number }): Promise<void> {
  const city = await startSimulatedCity({ citizens, seed: 12, departments: ['civil-status', 'residence'],
    rates: { invalid: 0.03, conflict: 0.1 } })
  const logger = pino({ level: 'silent' })
  const schemas = createSchemaValidator()
  const compile = createRawSchemaCompiler()
  const connectors = builtInConnectors.filter(c => c.manifest.id in DEPARTMENT)
  const runners: PollRunner[] = connectors.map(connector => createPollRunner({
    connector, baseUrl: city.departments[DEPARTMENT[connector.manifest.id]].url, pageSize: 100, timeoutMs: 5000,
      eventLog, store, logger, compile
  }))
  const run = uniqueName('repeats')
  const seen = { raw: 0, canonical: 0, normalizerDead: 0, merged: 0, mergerDead: 0, archived: 0,
    republished: 0, republishedDead: 0 }
  const raw: ConsumedMessage[] = []
  const rawDead: ConsumedMessage[] = []
  const subs: Subscription[] = []
  try {
    subs.push(await startMerger({ eventLog, store, logger, rules: loadSurvivorship(), batchSize: 100, maxAttempts: 3,
      onBatch: s => { seen.merged += s.events; seen.mergerDead += s.rejected } }))
    subs.push(await startNormalizer({
      eventLog, store, logger, catalog: staticCatalog(builtInMappings()),
      validateEvent: schemas.validator<ChangeEvent>('change-event'), mappingValidator: createMappingValidator(schemas),
      batchSize: 100, maxAttempts: 3,
      onBatch: s => { seen.raw += s.raw; seen.canonical += s.canonical; seen.normalizerDead += s.dead }
    }))
    const dlqTopics = [...connectors.map(c => `dlq.connector.${c.manifest.id}`), 'dlq.normalizer', 'dlq.merger']
    subs.push(await startDeadLetterArchiver({
      eventLog, store, logger, topics: async () => dlqTopics, refreshMs: 60000, batchSize: 100, maxAttempts: 3,
      onBatch: s => { seen.archived += s.messages }
    }))
    // What the residence connector published, to publish it again as a killed connector would.
    subs.push(await eventLog.subscribe({ group: `${run}-raw`, topics: [`source.${REPEATED}`],
      handler: async b => { raw.push(...b) } }))
    subs.push(await eventLog.subscribe({ group: `${run}-dlq`, topics: [`dlq.connector.${REPEATED}`],
      handler: async b => { rawDead.push(...b) } }))

    const rawPublished = (): number => runners.reduce((n, r) => n + Object.values(r.status().streams)
      .reduce((m, s) => m + s.published, 0), 0) + seen.republished
    const rejected = (): number => runners.reduce((n, r) => n + r.status().rejected, 0) + seen.republishedDead
    const drained = async (what: string): Promise<void> => {
      await waitFor(() => seen.raw >= rawPublished() && seen.merged >= seen.canonical &&
        seen.archived >= rejected() + seen.normalizerDead + seen.mergerDead, { what, timeoutMs })
    }

    await Promise.all(runners.map(async r => await r.runOnce()))
    for (const r of runners) t.equal(r.status().state, 'healthy', `${r.status().id} read its source`)
    await drained('the first load to drain')
    const residence = runners[connectors.findIndex(c => c.manifest.id === REPEATED)]
    await waitFor(() => raw.length >= Object.values(residence.status().streams).reduce((m, s) => m + s.published, 0) &&
      rawDead.length >= residence.status().rejected, { what: 'the residence events to be captured', timeoutMs })
    const loaded = await snapshotStore(store)
    t.ok(loaded.documents.history > 0 && loaded.documents.dead_letters > 0,
      `the load made versions and dead letters (${JSON.stringify(loaded.documents)})`)
    t.ok(rawDead.length > 0, 'the residence source has records its raw schema rejects')

    // A connector killed before saving its cursor: the same events again, ingested later.
    const again = new Date(Date.now() + 3600_000).toISOString()
    const republished = raw.map(m => {
      const event = JSON.parse(m.value) as ChangeEvent
      return { key: m.key, value: JSON.stringify({ ...event, ingesttime: again }), headers: m.headers }
    })
    for (let i = 0; i < republished.length; i += 200) await eventLog.publish(`source.${REPEATED}`,
      republished.slice(i, i + 200))
    seen.republished += republished.length
    // Copied first: this run's subscription also reads the letters published again below.
    const letters = rawDead.map(m => ({ key: m.key, value: m.value, headers: m.headers }))
    await eventLog.publish(`dlq.connector.${REPEATED}`, letters)
    seen.republishedDead += letters.length
    await drained('the re-published page to drain')
    t.same(await snapshotStore(store), loaded,
      `${republished.length} re-published events and ${letters.length} dead letters left the store byte-identical`)

    // Every poll re-run from an empty cursor: the whole source read again.
    const before = rawPublished()
    for (const stream of connectors.find(c => c.manifest.id === REPEATED)?.manifest.streams ?? []) {
      await store.saveCursor(REPEATED, stream.name, { snapshotDone: false })
    }
    await residence.runOnce()
    t.equal(residence.status().state, 'healthy', 'residence read its source again')
    t.ok(rawPublished() > before, `the re-run published ${rawPublished() - before} events again`)
    await drained('the re-run to drain')
    t.same(await snapshotStore(store), loaded,
      'a whole source re-read from an empty cursor left the store byte-identical')
  } finally {
    for (const r of runners) await r.stop()
    for (const s of subs) await s.stop()
    await city.close()
  }
}
