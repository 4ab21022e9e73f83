// The command line of bench:ingest. See bench/ingest.ts for what each phase measures.
export interface IngestOptions {
  citizens: number
  engine: 'embedded' | 'real'
  /** Also measure the peer: Kafka Connect's MongoDB sink copying the same raw topics (real engines only). */
  peer: boolean
  /** Batch sizes the ceiling tries; the best is reported. */
  ceilingBatches: number[]
  /** Seconds of the steady change stream after the load. */
  freshnessSeconds: number
  /** Traced changes per second inside that stream (each one read back through the API). */
  tracersPerSecond: number
  /** Kafka Connect's REST API (infra/engines/connect.sh). */
  connectUrl: string
  /** The hub's log level, on stderr (silent by default). */
  logLevel: 'silent' | 'error' | 'warn' | 'info'
  /** Bound of the load's wait for the consumers to catch up. */
  timeoutS: number
  kafkaBrokers: string
  mongodbUri: string
}

function flag (argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}

function positive (argv: string[], name: string, fallback: number): number {
  const raw = flag(argv, name)
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`)
  return n
}

function logLevelOf (level: string): IngestOptions['logLevel'] {
  if (level === 'silent' || level === 'error' || level === 'warn' || level === 'info') return level
  throw new Error(`--log-level must be silent, error, warn or info, got ${level}`)
}

export function parseIngestOptions (argv: string[], env: NodeJS.ProcessEnv): IngestOptions {
  const engine = flag(argv, 'engine') ?? 'embedded'
  if (engine !== 'embedded' && engine !== 'real') throw new Error(`--engine must be embedded or real, got ${engine}`)
  const peer = argv.includes('--peer')
  if (peer && engine !== 'real') throw new Error('--peer needs --engine real: the sink reads Kafka and writes FerretDB')
  const batches = (flag(argv, 'ceiling-batches') ?? '100,500,2000').split(',').map(Number)
  if (batches.some(b => !Number.isInteger(b) || b < 1 || b > 5000)) {
    throw new Error('--ceiling-batches takes integers from 1 to 5000, e.g. 100,500,2000')
  }
  return {
    citizens: Math.round(positive(argv, 'citizens', 2000)),
    engine,
    peer,
    ceilingBatches: batches,
    freshnessSeconds: positive(argv, 'freshness-seconds', 20),
    tracersPerSecond: positive(argv, 'tracers-per-second', 5),
    logLevel: logLevelOf(flag(argv, 'log-level') ?? 'silent'),
    timeoutS: positive(argv, 'timeout-s', 3600),
    connectUrl: env.LT_CONNECT_URL ?? `http://127.0.0.1:${env.LT_CONNECT_PORT ?? '18083'}`,
    kafkaBrokers: env.KAFKA_BROKERS ?? `127.0.0.1:${env.LT_KAFKA_PORT ?? '19092'}`,
    mongodbUri: env.MONGODB_URI ?? `mongodb://127.0.0.1:${env.LT_FERRETDB_PORT ?? '27018'}`
  }
}
