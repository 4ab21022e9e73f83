// Seeds a benchmark store the honest way: the synthetic city's department exports (sim/city) go
// through the built-in connectors' file import, the normalizer's mapping and linking, and the
// merger, exactly the code a real run uses (pipeline-log.ts), into a store of the chosen engine.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Store } from '../../infra/ports/store.js'
import { builtInConnector, builtInMappings } from '../../connectors/built-in.js'
import { importFile } from '../../connectors/runner/file-import.js'
import { createRawSchemaCompiler } from '../../connectors/runner/raw-schema-compiler.js'
import { createMappingValidator } from '../../connectors/mapping/validate-mapping.js'
import { createSchemaValidator } from '../../schemas/validator.js'
import type { ChangeEvent } from '../../schemas/change-event.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import { loadSurvivorship } from '../../consumers/merger/survivorship.js'
import { writeCityFiles } from '../../sim/city/write-files.js'
import { createPipelineLog, type PipelineStats } from './pipeline-log.js'

/** Department export files in the order a city would connect them: identity first. */
const imports = [
  { file: 'civil-status.cong-dan.ndjson', connector: 'civil-status', stream: 'persons' },
  { file: 'residence.residents.ndjson', connector: 'residence', stream: 'residents' },
  { file: 'land.thua-dat.ndjson', connector: 'land', stream: 'parcels' },
  { file: 'bhyt.the.ndjson', connector: 'health-insurance', stream: 'cards' },
  { file: 'business.ho-kinh-doanh.ndjson', connector: 'business-household', stream: 'registrations' },
  { file: 'civil-status.ket-hon.ndjson', connector: 'civil-status', stream: 'marriages' }
] as const

export interface SeedResult {
  citizens: number
  citySeed: number
  generateSeconds: number
  seedSeconds: number
  pipeline: PipelineStats
  importBatch: number
  mergeBatch: number
  perFile: Array<{ file: string, rows: number, seconds: number }>
}

export interface SeedOptions {
  store: Store
  citizens: number
  citySeed: number
  cityDir: string
  /** Rows per import batch, i.e. per normalize + merge round. */
  batchSize: number
  /** Most canonical events per merge batch. */
  mergeBatch: number
  progress: (line: string) => void
}

export async function seedStore ({ store, citizens, citySeed, cityDir, batchSize, mergeBatch,
  progress }: SeedOptions): Promise<SeedResult> {
  let generateSeconds = 0
  if (!existsSync(join(cityDir, 'manifest.json'))) {
    const started = performance.now()
    // A fixed "today", so the same city (and the same store) comes out on every machine.
    writeCityFiles({ citizens, seed: citySeed, asOf: '2026-01-01T00:00:00.000Z' }, cityDir)
    generateSeconds = (performance.now() - started) / 1000
    progress(`city of ${citizens} generated in ${generateSeconds.toFixed(1)} s`)
  }
  const schemas = createSchemaValidator()
  const log = createPipelineLog({
    store,
    mappings: builtInMappings(),
    mappingValidator: createMappingValidator(schemas),
    validateRaw: schemas.validator<ChangeEvent>('change-event'),
    validateCanonical: schemas.validator<CanonicalEvent>('canonical-event'),
    rules: loadSurvivorship(),
    mergeBatch
  })
  const compile = createRawSchemaCompiler()
  const perFile: SeedResult['perFile'] = []
  const started = performance.now()
  for (const item of imports) {
    const connector = builtInConnector(item.connector)
    if (connector === undefined) throw new Error(`no built-in connector ${item.connector}`)
    const fileStarted = performance.now()
    let lastReport = 0
    const summary = await importFile({
      connector, stream: item.stream, file: join(cityDir, item.file), format: 'ndjson', eventLog: log, store, compile,
      batchSize,
      onProgress: p => {
        if (performance.now() - lastReport < 5000) return
        lastReport = performance.now()
        progress(`${item.file}: ${p.rows} rows, ${log.stats.versions} versions so far`)
      }
    })
    const seconds = (performance.now() - fileStarted) / 1000
    perFile.push({ file: item.file, rows: summary.rows, seconds: round(seconds) })
    progress(`${item.file}: ${summary.rows} rows in ${seconds.toFixed(1)} s`)
  }
  const seedSeconds = (performance.now() - started) / 1000
  return { citizens, citySeed, generateSeconds: round(generateSeconds), seedSeconds: round(seedSeconds),
    importBatch: batchSize, mergeBatch, pipeline: roundStats(log.stats), perFile }
}

const round = (n: number): number => Math.round(n * 100) / 100
const roundStats = (s: PipelineStats): PipelineStats => ({ ...s, normalizeMs: Math.round(s.normalizeMs),
  mergeMs: Math.round(s.mergeMs) })
