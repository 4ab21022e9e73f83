// Seeds the benchmark store once and reuses it: `.data/bench/<engine>-<citizens>-<seed>/` keeps the
// seed report (seed.json, with where the store is), the ids to ask for (subjects.json) and, on the
// embedded engine, the store itself. --reseed starts over (MongoDB: in a fresh database, named with
// the time, since the store port has no way to drop one; drop old lt_bench_* databases by hand).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openBenchStore, type StoreLocation } from './open-bench-store.js'
import { seedStore, type SeedResult } from './seed-store.js'
import { livePersonIds, prefillSubjects, type Subjects } from './subjects.js'
import { createLinkIndexes, setPlannerStatistics } from './sqlite-statistics.js'
import type { BenchOptions } from './options.js'

export interface PreparedStore {
  location: StoreLocation
  subjectsFile: string
  seed: SeedResult & { at: string, persons: number, prefillSubjects: number, subjectSeconds: number }
  reused: boolean
}

export async function prepareStore (options: BenchOptions, mongoUri: string,
  progress: (line: string) => void): Promise<PreparedStore> {
  const dir = join('.data', 'bench', `${options.engine}-${options.citizens}-${options.citySeed}`)
  const seedFile = join(dir, 'seed.json')
  const subjectsFile = join(dir, 'subjects.json')
  if (!options.reseed && existsSync(seedFile) && existsSync(subjectsFile)) {
    const saved = JSON.parse(readFileSync(seedFile, 'utf8')) as Omit<PreparedStore, 'reused' | 'subjectsFile'>
    if (saved.location.engine === 'mongo') saved.location.uri = mongoUri
    if (saved.location.engine === 'mongo' || existsSync(saved.location.file)) {
      progress(`reusing the store seeded at ${saved.seed.at} (${dir}; --reseed to start over)`)
      return { ...saved, subjectsFile, reused: true }
    }
  }
  if (options.engine === 'embedded') rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const location: StoreLocation = options.engine === 'embedded'
    ? { engine: 'embedded', file: join(dir, 'store.sqlite') }
    : { engine: 'mongo', uri: mongoUri,
      database: `lt_bench_${options.citizens}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}` }
  const store = await openBenchStore(location)
  try {
    progress(`seeding ${options.citizens} citizens into ${options.engine === 'embedded'
      ? location.engine
      : `MongoDB database ${(location as { database: string }).database}`}`)
    const seeded = await seedStore({
      store, citizens: options.citizens, citySeed: options.citySeed, batchSize: options.seedBatch,
      mergeBatch: options.mergeBatch, progress,
      cityDir: join('.data', 'bench', `city-${options.citySeed}-${options.citizens}`)
    })
    const started = performance.now()
    if (location.engine === 'embedded') {
      // Picking subjects finds cards by holder hundreds of times: with statistics that is an index
      // search, not a scan per find (main.ts sets them as asked before measuring).
      await createLinkIndexes(store)
      setPlannerStatistics(location.file, true)
    }
    const personIds = await livePersonIds(store)
    const subjects: Subjects = { personIds,
      prefill: await prefillSubjects(store, personIds, options.prefillSubjects, options.citySeed) }
    const subjectSeconds = Math.round((performance.now() - started) / 10) / 100
    writeFileSync(subjectsFile, JSON.stringify(subjects))
    const seed = { ...seeded, at: new Date().toISOString(), persons: personIds.length,
      prefillSubjects: subjects.prefill.length, subjectSeconds }
    // The URI is not kept: it may carry credentials, and the next run reads it from MONGODB_URI.
    const saved = { location: location.engine === 'mongo' ? { ...location, uri: '' } : location, seed }
    writeFileSync(seedFile, JSON.stringify(saved, null, 2) + '\n')
    return { location, subjectsFile, seed, reused: false }
  } finally {
    await store.close()
  }
}
