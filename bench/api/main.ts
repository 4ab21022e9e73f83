// `npm run bench:api`: lookup and prefill throughput and latency of the gateway over real HTTP,
// against a seeded store of at least 100k citizens, with the floors measured in the same run
// (routes that only read, and read and audit: floor-routes.ts) and, for information, the ceilings
// (a bare authenticated route; store-only reads). The targets hold each route against its floor
// (targets.ts). Prints one JSON object per line: the seed, each scenario, then a summary with the
// targets. Progress goes to stderr. See docs/benchmarks.md.
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { mkdirSync, readFileSync } from 'node:fs'
import { readOptions, usage, UsageError, type BenchOptions } from './options.js'
import { prepareStore } from './prepare-store.js'
import { forkServer, type ServerProcess } from './server-process.js'
import { httpLoad, httpOnce, type HttpRequestSpec } from './http-load.js'
import { topPercentShare, uniformKeys, zipfKeys, type KeyPicker } from './keys.js'
import type { LatencySummary } from './latency.js'
import { evaluateTargets, type ScenarioResult } from './targets.js'
import { cpuShares, serverCpuMicros, serverCpuPerResponse } from './server-cpu.js'
import { LOOKUP_PURPOSE, PREFILL_PROCEDURE, type BenchKeys } from './bench-clients.js'
import type { Subjects } from './subjects.js'
import { setPlannerStatistics } from './sqlite-statistics.js'

const emit = (value: unknown): void => { process.stdout.write(JSON.stringify(value) + '\n') }
const progress = (line: string): void => { process.stderr.write(`bench:api ${line}\n`) }

async function run (options: BenchOptions): Promise<void> {
  // The one place the benchmark reads the environment, as main.ts does for the hub.
  const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018'
  const loadBefore = loadavg()
  const prepared = await prepareStore(options, mongoUri, progress)
  emit({ type: 'seed', engine: options.engine, reused: prepared.reused, ...prepared.seed,
    location: prepared.location.engine === 'embedded' ? prepared.location.file : prepared.location.database })
  const subjects = JSON.parse(readFileSync(prepared.subjectsFile, 'utf8')) as Subjects
  if (prepared.location.engine === 'embedded') setPlannerStatistics(prepared.location.file, options.sqliteAnalyze)

  const cpuProfDir = options.cpuProf ? join('.data', 'bench', 'profiles') : undefined
  if (cpuProfDir !== undefined) mkdirSync(cpuProfDir, { recursive: true })
  const server = forkServer({ cpuProfDir })
  const results: ScenarioResult[] = []
  let warmSeconds = 0
  try {
    const { url, keys } = await server.request<{ url: string, keys: BenchKeys }>({
      type: 'start', location: prepared.location, subjectsFile: prepared.subjectsFile, logFile: options.logFile,
      logLevel: options.logLevel
    }, 'started')
    progress(`gateway listening at ${url}; reading every person once to warm the caches`)
    warmSeconds = (await server.request<{ seconds: number }>({ type: 'warm' }, 'warmed')).seconds
    progress(`warm in ${warmSeconds} s`)
    for (const scenario of scenarios(subjects, keys, options)) {
      if (options.only !== undefined && !options.only.some(o => scenario.name.startsWith(o))) continue
      progress(`${scenario.name}: ${options.warmupMs / 1000} s warm-up, ${options.durationMs / 1000} s measured`)
      const cpuBefore = await serverCpuMicros(server)
      const summary = await scenario.run(url, server)
      const cpu = serverCpuPerResponse(await serverCpuMicros(server) - cpuBefore, summary)
      const result: ScenarioResult = { name: scenario.name, kind: scenario.kind, concurrency: scenario.concurrency,
        ...scenario.extra, ...summary, ...cpu }
      results.push(result)
      emit({ type: 'scenario', engine: options.engine, ...result })
    }
  } finally {
    await server.stop()
  }
  emit({
    type: 'summary',
    engine: options.engine,
    persons: prepared.seed.persons,
    seedSeconds: prepared.seed.seedSeconds,
    cacheWarmSeconds: warmSeconds,
    settings: { durationSeconds: options.durationMs / 1000, warmupSeconds: options.warmupMs / 1000,
      zipfS: options.zipfS, logLevel: options.logLevel, rateLimit: 'off',
      ...(options.engine === 'embedded' ? { sqlitePlannerStatistics: options.sqliteAnalyze } : {}),
      audit: 'on (hash-chained group commit)' },
    machine: {
      cpus: cpus().length, model: cpus()[0]?.model, node: process.version,
      loadAverageBefore: loadBefore.map(n => Math.round(n * 100) / 100),
      loadAverageAfter: loadavg().map(n => Math.round(n * 100) / 100),
      note: 'the load generator (this process) and the gateway (a child process) share the same cores'
    },
    targets: evaluateTargets(results),
    cpuShares: cpuShares(results),
    table: results.map(r => ({ name: r.name, perSecond: r.perSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms,
      errors: r.errors }))
  })
}

interface Scenario {
  name: string
  kind: string
  concurrency: number
  extra?: Record<string, unknown>
  run: (url: string, server: ServerProcess) => Promise<LatencySummary>
}

function scenarios (subjects: Subjects, keys: BenchKeys, options: BenchOptions): Scenario[] {
  const settings =
    (concurrency: number) => ({ concurrency, durationMs: options.durationMs, warmupMs: options.warmupMs })
  const lookupHeaders = { authorization: `Bearer ${keys.department}`, 'x-purpose': LOOKUP_PURPOSE }
  const get = (pick: KeyPicker,
    prefix: string) => (): HttpRequestSpec => ({ method: 'GET', path: `${prefix}${pick()}`, headers: lookupHeaders })
  let nextPrefill = 0
  const prefill = (): HttpRequestSpec => {
    const s = subjects.prefill[nextPrefill++ % subjects.prefill.length]
    return {
      method: 'POST', path: '/v1/prefill',
      headers: { authorization: `Bearer ${keys.oneStop}`, 'x-purpose': PREFILL_PROCEDURE,
        'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: PREFILL_PROCEDURE, personalId: s.mother, subjects: { father: s.father } })
    }
  }
  const ids = subjects.personIds
  const out: Scenario[] = []
  for (const c of [1, 16, 32, 100]) {
    out.push({ name: `bare-route-c${c}`, kind: 'ceiling-bare-route', concurrency: c,
      run: async url => await httpLoad(url, get(uniformKeys(ids, c), '/v1/bench/bare/'), settings(c)) })
  }
  for (const c of [1, 32]) {
    out.push({ name: `raw-get-c${c}`, kind: 'ceiling-raw-get', concurrency: c,
      run: async (_url, server) => (await server.request<{ summary: LatencySummary }>({ type: 'raw-get',
      settings: settings(c), seed: c }, 'result')).summary })
  }
  const floorHeaders = (key: string, purpose: string) => ({ authorization: `Bearer ${key}`, 'x-purpose': purpose })
  for (const c of [32, 100]) {
    for (const audited of ['', '-audit']) {
      const path = `/v1/bench/floor/get${audited}/`
      const pick = uniformKeys(ids, 300 + c)
      out.push({ name: `floor-get${audited}-c${c}`, kind: `floor-lookup${audited}`, concurrency: c,
        run: async url => await httpLoad(url, () => ({ method: 'GET', path: `${path}${pick()}`,
        headers: floorHeaders(keys.department, LOOKUP_PURPOSE) }), settings(c)) })
    }
  }
  for (const c of [32, 100]) {
    out.push({ name: `lookup-uniform-c${c}`, kind: 'lookup', concurrency: c,
      run: async url => await checkedLookup(url, ids[0], lookupHeaders,
      async () => await httpLoad(url, get(uniformKeys(ids, 100 + c), '/v1/citizens/'), settings(c))) })
    out.push({
      name: `lookup-zipf-c${c}`, kind: 'lookup', concurrency: c,
      extra: { zipfS: options.zipfS, shareOnTop1Percent: topPercentShare(ids, options.zipfS) },
      run: async url => await httpLoad(url, get(zipfKeys(ids, options.zipfS, 200 + c), '/v1/citizens/'), settings(c))
    })
  }
  for (const c of [1, 16]) {
    out.push({ name: `prefill-reads-parallel-c${c}`, kind: 'ceiling-prefill-reads-parallel', concurrency: c,
      extra: { reads: 'mother, father, household, mother\'s cards' },
      run: async (_url, server) => (await server.request<{ summary: LatencySummary }>({ type: 'raw-prefill-reads',
      settings: settings(c), seed: c }, 'result')).summary })
    for (const audited of ['', '-audit']) {
      let next = 0
      out.push({ name: `floor-prefill-reads${audited}-c${c}`, kind: `floor-prefill${audited}`, concurrency: c,
        run: async url => await httpLoad(url, () => ({ method: 'GET',
        path: `/v1/bench/floor/prefill-reads${audited}/${next++}`,
        headers: floorHeaders(keys.oneStop, PREFILL_PROCEDURE) }), settings(c)) })
    }
    out.push({ name: `prefill-c${c}`, kind: 'prefill', concurrency: c, extra: { procedure: PREFILL_PROCEDURE },
      run: async url => await checkedPrefill(url, prefill(), async () => await httpLoad(url, prefill, settings(c))) })
  }
  return out
}

/** Refuses to measure a lookup that does not answer a citizen's data. */
async function checkedLookup<T> (url: string, id: string, headers: Record<string, string>,
  measure: () => Promise<T>): Promise<T> {
  const { status, body } = await httpOnce(url, { method: 'GET', path: `/v1/citizens/${id}`, headers })
  if (status !== 200 || typeof (body as { data?: { fullName?: unknown } }).data?.fullName !== 'string') {
    throw new Error(`a lookup answered ${status}: ${JSON.stringify(body).slice(0, 300)}`)
  }
  return await measure()
}

async function checkedPrefill<T> (url: string, spec: HttpRequestSpec,
  measure: () => Promise<T>): Promise<T & { filledFields: number, askFields: number }> {
  const { status, body } = await httpOnce(url, spec)
  const fields = (body as { fields?: Array<{ status: string }> }).fields ?? []
  const filled = fields.filter(f => f.status === 'filled').length
  if (status !== 200 || filled === 0) {
    throw new Error(`a prefill answered ${status}: ${JSON.stringify(body).slice(0, 300)}`)
  }
  return { ...await measure(), filledFields: filled, askFields: fields.length - filled }
}

try {
  await run(readOptions(process.argv.slice(2)))
} catch (err) {
  if (err instanceof UsageError) { process.stderr.write(`${err.message}\n${usage}`); process.exitCode = 2 } else {
    const cause = (err as Error).cause as { message?: string, writeErrors?: unknown } | undefined
    process.stderr.write(`bench:api failed: ${(err as Error).stack ?? String(err)}\n${cause !== undefined
      ? `caused by: ${cause.message ?? String(cause)} ${JSON.stringify(cause.writeErrors ?? '').slice(0, 500)}\n`
      : ''}`)
    process.exitCode = 1
  }
}
