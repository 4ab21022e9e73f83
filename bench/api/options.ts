// Command-line options of `npm run bench:api`, checked before anything runs.
import { parseArgs } from 'node:util'
import { HubError } from '../../infra/shared/hub-error.js'

export interface BenchOptions {
  engine: 'embedded' | 'mongo'
  citizens: number
  citySeed: number
  reseed: boolean
  durationMs: number
  warmupMs: number
  zipfS: number
  prefillSubjects: number
  seedBatch: number
  mergeBatch: number
  logLevel: string
  logFile: string
  cpuProf: boolean
  sqliteAnalyze: boolean
  only?: string[]
}

export const usage = `usage: npm run bench:api -- [--engine embedded|mongo] [--citizens N] [--reseed]
  [--duration SECONDS] [--warmup SECONDS] [--zipf S] [--prefill-subjects N] [--seed-batch N] [--merge-batch N]
  [--city-seed N] [--log-level LEVEL] [--log-file FILE] [--cpu-prof] [--sqlite-analyze] [--only NAME,NAME]
MongoDB: MONGODB_URI (default mongodb://127.0.0.1:27018; start FerretDB with npm run infra:up)
`

export class UsageError extends HubError {
  constructor (message: string) {
    super(message, { code: 'LT_ERR_BENCH_USAGE', status: 400 })
  }
}

const flags = {
  engine: { type: 'string', default: 'embedded' },
  citizens: { type: 'string', default: '100000' },
  'city-seed': { type: 'string', default: '7' },
  reseed: { type: 'boolean', default: false },
  duration: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '3' },
  zipf: { type: 'string', default: '1.1' },
  'prefill-subjects': { type: 'string', default: '500' },
  'seed-batch': { type: 'string', default: '2000' },
  'merge-batch': { type: 'string', default: '100000' },
  'log-level': { type: 'string', default: 'info' },
  'log-file': { type: 'string', default: '/dev/null' },
  'cpu-prof': { type: 'boolean', default: false },
  'sqlite-analyze': { type: 'boolean', default: false },
  only: { type: 'string' }
} as const

/** parseArgs throws a TypeError on an unknown or malformed flag: a usage error here. */
function parseFlags (argv: string[]): ReturnType<typeof parseArgs<{ args: string[], options: typeof flags }>> {
  try {
    return parseArgs({ args: argv, options: flags })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

export function readOptions (argv: string[]): BenchOptions {
  const { values } = parseFlags(argv)
  const number = (name: string, text: string, min: number, max: number): number => {
    const n = Number(text)
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${text}"`)
    }
    return n
  }
  if (values.engine !== 'embedded' && values.engine !== 'mongo') {
    throw new UsageError(`--engine must be embedded or mongo, got "${values.engine}"`)
  }
  return {
    engine: values.engine,
    citizens: Math.round(number('citizens', values.citizens, 100, 10_000_000)),
    citySeed: Math.round(number('city-seed', values['city-seed'], 0, 2 ** 31)),
    reseed: values.reseed,
    durationMs: number('duration', values.duration, 0.5, 3600) * 1000,
    warmupMs: number('warmup', values.warmup, 0, 600) * 1000,
    zipfS: number('zipf', values.zipf, 0, 5),
    prefillSubjects: Math.round(number('prefill-subjects', values['prefill-subjects'], 1, 100000)),
    seedBatch: Math.round(number('seed-batch', values['seed-batch'], 1, 10000)),
    mergeBatch: Math.round(number('merge-batch', values['merge-batch'], 1, 100000)),
    logLevel: values['log-level'],
    logFile: values['log-file'],
    cpuProf: values['cpu-prof'],
    sqliteAnalyze: values['sqlite-analyze'],
    ...(values.only !== undefined ? { only: values.only.split(',') } : {})
  }
}

