// Builds the hub's configuration from (lowest to highest precedence) schema defaults, an optional
// JSON config file, environment variables and command-line flags, then validates it once.
// This module is the only place that knows environment variable names; main.ts passes process.env in.
// The built-in connectors' sources (`sources.<id>`, LT_SOURCE_<ID>_URL) come from the declarations
// the wiring passes in (hub/config.ts), so infra/ never imports connectors/.
// Each built-in source's base URL also admits its exact origin to the connectors' SSRF allow-list, so
// pointing the hub at sim:serve or at real departments is one config file (docs/connectors.md).
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import cron from 'node-cron'
import { hubConfigSchemaFor, type HubConfig } from './schema.js'
import { checkSourceDeclarations, sourceEnvSettings, type EnvSetting, type SourceDeclaration } from './sources.js'
import { parseBroker, parseMongoHosts } from '../startup/engine-addresses.js'
import { HubError } from '../shared/hub-error.js'

export class ConfigError extends HubError {
  constructor (message: string, readonly setting: string) {
    super(message, { code: 'LT_ERR_CONFIG' })
  }
}

type Kind = EnvSetting['kind']
/**
 * Environment variable -> config path, but for the built-in sources (envSettingsFor adds those).
 * The README's configuration table mirrors the whole list.
 */
export const fixedEnvSettings: readonly EnvSetting[] = [
  { env: 'LT_ROLE', path: 'role', kind: 'string', doc: 'all | gateway | connectors | consumers (also --role)' },
  { env: 'HOST', path: 'host', kind: 'string', doc: 'address the gateway listens on' },
  { env: 'PORT', path: 'port', kind: 'number', doc: 'gateway port' },
  { env: 'LT_DATA_DIR', path: 'dataDir', kind: 'string', doc: 'folder for the embedded adapters\' SQLite files' },
  { env: 'LOG_LEVEL', path: 'logLevel', kind: 'string', doc: 'pino level' },
  {
    env: 'LT_STARTUP_CHECK',
    path: 'startupCheck',
    kind: 'string',
    doc: 'quick | off: check the embedded SQLite files at start (quick_check, log and store positions)'
  },
  {
    env: 'KAFKA_BROKERS',
    path: 'kafka.brokers',
    kind: 'list',
    doc: 'comma-separated host:port; empty = embedded event log'
  },
  {
    env: 'KAFKA_NAMESPACE',
    path: 'kafka.namespace',
    kind: 'string',
    doc: 'prefix of every topic and consumer group name, to share a cluster'
  },
  { env: 'KAFKA_CLIENT_ID', path: 'kafka.clientId', kind: 'string', doc: 'Kafka client id' },
  {
    env: 'KAFKA_PARTITIONS',
    path: 'kafka.partitions',
    kind: 'number',
    doc: 'partitions of each topic the hub creates (1-256): how many consumer processes can share a group\'s load'
  },
  { env: 'MONGODB_URI', path: 'mongodb.uri', kind: 'string', doc: 'mongodb:// URI; empty = embedded store' },
  { env: 'MONGODB_DATABASE', path: 'mongodb.database', kind: 'string', doc: 'database name' },
  {
    env: 'MONGODB_MAX_POOL_SIZE',
    path: 'mongodb.maxPoolSize',
    kind: 'number',
    doc: 'driver connections to the store at most, per process'
  },
  {
    env: 'LT_STORE_MAX_IN_FLIGHT',
    path: 'mongodb.maxInFlight',
    kind: 'number',
    doc: 'store operations in flight at once per process (a bulk write counts one per write)'
  },
  { env: 'LT_SIM', path: 'sim.enabled', kind: 'boolean', doc: 'start the simulated civil-status source on loopback' },
  {
    env: 'LT_SIM_PORT',
    path: 'sim.port',
    kind: 'number',
    doc: 'port of the first simulated department, the others following (+1 … +4); 0 = free ports chosen at start'
  },
  { env: 'LT_SIM_CITIZENS', path: 'sim.citizens', kind: 'number', doc: 'citizens in the simulated source' },
  {
    env: 'LT_SIM_CHANGES_PER_SECOND',
    path: 'sim.changesPerSecond',
    kind: 'number',
    doc: 'changes a second in the simulated city (moves, births, deaths, card renewals, land transfers); 0 = off'
  },
  { env: 'LT_SIM_SEED', path: 'sim.seed', kind: 'number', doc: 'seed of the simulated source' },
  { env: 'LT_CONSUMER_BATCH_SIZE', path: 'consumer.batchSize', kind: 'number', doc: 'max events per consumer batch' },
  {
    env: 'LT_CONSUMER_MAX_ATTEMPTS',
    path: 'consumer.maxAttempts',
    kind: 'number',
    doc: 'attempts at one batch before the consumer gives up and is restarted'
  },
  {
    env: 'LT_CONSUMER_RESTART_MIN_MS',
    path: 'consumer.restartMinMs',
    kind: 'number',
    doc: 'first wait before a stopped consumer is restarted (doubles each time)'
  },
  {
    env: 'LT_CONSUMER_RESTART_MAX_MS',
    path: 'consumer.restartMaxMs',
    kind: 'number',
    doc: 'longest wait between restarts of a stopped consumer'
  },
  {
    env: 'LT_CONSUMER_STALL_MS',
    path: 'consumer.stallMs',
    kind: 'number',
    doc: 'messages waiting and no position moving this long: the consumer is stalled (not ready, restarted)'
  },
  {
    env: 'LT_CONSUMER_SHUTDOWN_MS',
    path: 'consumer.shutdownMs',
    kind: 'number',
    doc: 'the longest SIGTERM waits for the batch in hand before the process exits 1'
  },
  {
    env: 'LT_SSRF_ALLOW',
    path: 'connectors.ssrfAllow',
    kind: 'list',
    doc: 'comma-separated CIDRs or host names registered connectors may reach although private/loopback (e.g. ' +
      '127.0.0.1/32 for the simulated sources)'
  },
  {
    env: 'LT_BODY_LIMIT_BYTES',
    path: 'gateway.bodyLimitBytes',
    kind: 'number',
    doc: 'largest request body the gateway accepts (413 above)'
  },
  {
    env: 'LT_REQUEST_TIMEOUT_MS',
    path: 'gateway.requestTimeoutMs',
    kind: 'number',
    doc: 'time to receive a whole request'
  },
  {
    env: 'LT_HEADERS_TIMEOUT_MS',
    path: 'gateway.headersTimeoutMs',
    kind: 'number',
    doc: 'time to receive the request headers'
  },
  {
    env: 'LT_RATE_LIMIT_PER_MINUTE',
    path: 'gateway.rateLimitPerMinute',
    kind: 'number',
    doc: 'requests per client per minute per gateway process (429 with Retry-After above); 0 = off'
  },
  {
    env: 'LT_OPERATOR_KEY',
    path: 'security.operatorKey',
    kind: 'string',
    doc: 'bootstrap operator API key (32-512 printable characters); empty = none; never logged'
  },
  {
    env: 'LT_DEMO_CLIENTS',
    path: 'security.demoClients',
    kind: 'boolean',
    doc: 'on the embedded store, create demo API clients and write their keys to <dataDir>/demo-keys.json'
  },
  {
    env: 'LT_KEY_CACHE_TTL_MS',
    path: 'security.keyCacheTtlMs',
    kind: 'number',
    doc: 'how long a verified API key is trusted without asking the store (bounds how late a revocation takes effect)'
  },
  {
    env: 'LT_GRANT_CACHE_TTL_MS',
    path: 'security.grantCacheTtlMs',
    kind: 'number',
    doc: 'how long a grant is cached (bounds how late a grant change takes effect)'
  },
  {
    env: 'LT_AUDIT_BATCH_MAX',
    path: 'security.auditBatchMax',
    kind: 'number',
    doc: 'max audit entries appended in one group commit'
  },
  {
    env: 'LT_AUDIT_TIMEOUT_MS',
    path: 'security.auditTimeoutMs',
    kind: 'number',
    doc: 'a read whose audit entry is not written within this fails with 503'
  },
  {
    env: 'LT_AUDIT_HEAD_INTERVAL_MS',
    path: 'audit.headIntervalMs',
    kind: 'number',
    doc: 'how often the gateway publishes the audit chain head (log and heads file)'
  },
  {
    env: 'LT_AUDIT_HEAD_FILE',
    path: 'audit.headFile',
    kind: 'string',
    doc: 'file the audit chain heads are appended to; empty = <dataDir>/audit-heads.jsonl'
  },
  {
    env: 'LT_ADMIN_UNITS_FILE',
    path: 'referenceData.adminUnitsFile',
    kind: 'string',
    doc: 'ward/commune table replacing the bundled schemas/data/admin-units-2025.csv (e.g. the official one); ' +
      'validated at boot'
  },
  {
    env: 'LT_AUTH_FAILURES_PER_KEY',
    path: 'security.authFailuresPerKey',
    kind: 'number',
    doc: 'failed authentications per key id (or push connector) per window before 429; 0 = off'
  },
  {
    env: 'LT_AUTH_FAILURES_PER_ADDRESS',
    path: 'security.authFailuresPerAddress',
    kind: 'number',
    doc: 'failed authentications per client address per window before 429; 0 = off'
  },
  {
    env: 'LT_METRICS_KEY',
    path: 'security.metricsKey',
    kind: 'string',
    doc: 'key a Prometheus scraper sends to GET /metrics (32-512 printable characters); empty = operator keys only, ' +
      'or loopback callers without a key; never logged'
  },
  {
    env: 'LT_AUTH_FAILURE_WINDOW_MS',
    path: 'security.authFailureWindowMs',
    kind: 'number',
    doc: 'the window the failed-authentication counts are kept for'
  }
]

/** Every variable the loader reads for these built-ins: the fixed ones, LT_SOURCE_<ID>_*, then the former names. */
export function envSettingsFor (declarations: readonly SourceDeclaration[]): EnvSetting[] {
  return [...fixedEnvSettings, ...sourceEnvSettings(declarations)]
}

export interface ConfigSources {
  env?: Record<string, string | undefined>
  argv?: string[]
  /** Plain object overrides (tests); applied after env and argv. */
  overrides?: DeepPartial<HubConfig>
}
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K]
}

/**
 * The hub's configuration for these built-in connectors' sources. hub/config.ts passes the shipped
 * built-ins (loadConfig there); a test may pass a registry with one more.
 */
export function loadConfigWith (
  declarations: readonly SourceDeclaration[], { env = {}, argv = [], overrides = {} }: ConfigSources = {}
): HubConfig {
  checkSourceDeclarations(declarations)
  const settings = envSettingsFor(declarations)
  checkSourceVariables(env, settings, declarations)
  const flags = parseFlags(argv)
  const file = flags.config ?? env.LT_CONFIG_FILE
  const merged: Record<string, unknown> = file !== undefined && file !== '' ? readConfigFile(file, declarations) : {}
  // The variable that set each path: an error then names the one the operator wrote.
  const used = new Map<string, string>()
  for (const s of settings) {
    const raw = env[s.env]
    if (raw === undefined || (raw === '' && s.kind !== 'list')) continue
    const earlier = used.get(s.path)
    if (earlier !== undefined) {
      if (env[earlier] === raw) continue
      throw new ConfigError(`Invalid configuration: ${earlier} and ${s.env} both set ${s.path}, to different values: ` +
        `keep ${s.alias === true ? earlier : s.env} (${s.alias === true ? s.env : earlier} is its former name)`, s.env)
    }
    used.set(s.path, s.env)
    // An explicitly empty KAFKA_BROKERS / MONGODB_URI means "embedded", so keep it.
    setPath(merged, s.path, raw === '' ? [] : fromEnv(raw, s.kind))
  }
  if (flags.role !== undefined) merged.role = flags.role
  if (flags.port !== undefined) merged.port = fromEnv(flags.port, 'number')
  deepMerge(merged, overrides as Record<string, unknown>)
  const name = (path: string, params?: unknown): string => settingName(settings, used, path, params)
  return admitSourceOrigins(validate(merged, declarations, name))
}

/** LT_SOURCE_<ID>_URL for an id no built-in has is a typo (or a connector not added): it would be ignored. */
function checkSourceVariables (
  env: Record<string, string | undefined>, settings: readonly EnvSetting[], declarations: readonly SourceDeclaration[]
): void {
  for (const name of Object.keys(env)) {
    if (!/^LT_SOURCE_[A-Z0-9_]+_(URL|SCHEDULE)$/.test(name) || settings.some(s => s.env === name)) continue
    const known = declarations.map(d => d.id).join(', ')
    throw new ConfigError(`Invalid configuration: ${name} names no built-in connector (known: ${known})`, name)
  }
}

/**
 * The origins (scheme, host, port) of the configured built-in sources, added to connectors.ssrfAllow:
 * a registered connector may then call those exact origins although they are loopback or private,
 * and nothing else on those hosts. An empty base URL (the simulated department) adds nothing.
 */
export function admitSourceOrigins (config: HubConfig): HubConfig {
  const urls = Object.values(config.sources).map(s => s.baseUrl)
  const origins = urls.filter(u => u !== '').map(u => new URL(u).origin)
  const ssrfAllow = [...new Set([...config.connectors.ssrfAllow, ...origins])]
  return { ...config, connectors: { ...config.connectors, ssrfAllow } }
}

/**
 * A config file may carry a top-level `$comment` (dropped), and may name a source by its former
 * name: `civilStatus` at the top level or in `sources`, `sources.bhyt`, `sources.business` (files
 * written before settings were keyed by connector id). Naming one source twice is refused.
 */
function normaliseFile (
  file: string, { $comment, ...parsed }: Record<string, unknown>, declarations: readonly SourceDeclaration[]
): Record<string, unknown> {
  const given = parsed.sources
  const isObject = given !== null && typeof given === 'object' && !Array.isArray(given)
  const sources: Record<string, unknown> = isObject ? { ...given } : {}
  if ('civilStatus' in parsed) {
    if ('civilStatus' in sources) {
      throw new ConfigError(`Config file ${file} names civil status twice: keep sources.civilStatus or civilStatus, ` +
        'not both', 'LT_CONFIG_FILE')
    }
    sources.civilStatus = parsed.civilStatus
    delete parsed.civilStatus
  }
  for (const d of declarations) {
    const former = d.formerNames?.configKey
    if (former === undefined || former === d.id || !(former in sources)) continue
    if (d.id in sources) {
      throw new ConfigError(`Config file ${file} names the ${d.id} source twice: keep sources.${d.id}, ` +
        `not also its former name ${former}`, 'LT_CONFIG_FILE')
    }
    sources[d.id] = sources[former]
    delete sources[former]
  }
  return given === undefined && Object.keys(sources).length === 0 ? parsed : { ...parsed, sources }
}

type SettingName = (path: string, params?: unknown) => string

function validate (
  candidate: Record<string, unknown>, declarations: readonly SourceDeclaration[], settingName: SettingName
): HubConfig {
  const ajv = new Ajv({ useDefaults: true, allErrors: false, strict: true })
  const check = ajv.compile<HubConfig>(hubConfigSchemaFor(declarations))
  if (check(candidate)) {
    // Cron syntax is beyond JSON Schema; checked here so a bad schedule also fails at boot.
    for (const d of declarations) {
      if (!cron.validate(candidate.sources[d.id].schedule)) {
        const setting = settingName(`sources.${d.id}.schedule`)
        throw new ConfigError(`Invalid configuration: ${setting} is not a valid cron expression`, setting.split(' ')[0])
      }
    }
    checkEngineAddresses(candidate)
    return candidate
  }
  const err = check.errors?.[0]
  const path = (err?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.').replace(/\.\d+$/, '')
  const setting = settingName(path, err?.params)
  // An enum error says which values are allowed, not only that the one given is not.
  const allowed = (err?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues
  const message = allowed !== undefined ? `must be one of ${allowed.join(', ')}` : err?.message ?? 'is invalid'
  throw new ConfigError(`Invalid configuration: ${setting} ${message}`, setting)
}

/** Ports and hosts the schema's patterns let through (99999, `notaport`); the drivers fail late and vaguely on them. */
function checkEngineAddresses (config: HubConfig): void {
  for (const broker of config.kafka.brokers) {
    const address = parseBroker(broker)
    if (typeof address === 'string') {
      throw new ConfigError(`Invalid configuration: KAFKA_BROKERS (kafka.brokers) ${address}`, 'KAFKA_BROKERS')
    }
  }
  if (config.mongodb.uri !== '') {
    const hosts = parseMongoHosts(config.mongodb.uri)
    if (typeof hosts === 'string') {
      throw new ConfigError(`Invalid configuration: MONGODB_URI (mongodb.uri) ${hosts}`, 'MONGODB_URI')
    }
  }
}

/** `VARIABLE (path)`: the variable that set the path, else its first name, else the path alone. */
function settingName (
  settings: readonly EnvSetting[], used: Map<string, string>, path: string, params: unknown
): string {
  const extra = (params as { additionalProperty?: string } | undefined)?.additionalProperty
  const full = extra !== undefined ? (path === '' ? extra : `${path}.${extra}`) : path
  const env = used.get(full) ?? settings.find(s => s.path === full)?.env
  return env !== undefined ? `${env} (${full})` : (full === '' ? 'config' : full)
}

function readConfigFile (file: string, declarations: readonly SourceDeclaration[]): Record<string, unknown> {
  let text: string
  try { text = readFileSync(file, 'utf8') } catch (err) {
    throw new ConfigError(`Cannot read config file ${file}: ${(err as Error).message}`, 'LT_CONFIG_FILE')
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object')
    return normaliseFile(file, parsed as Record<string, unknown>, declarations)
  } catch (err) {
    if (err instanceof ConfigError) throw err
    throw new ConfigError(`Config file ${file} is not valid: ${(err as Error).message}`, 'LT_CONFIG_FILE')
  }
}

function parseFlags (argv: string[]): { role?: string, port?: string, config?: string } {
  const out: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(role|port|config)(?:=(.*))?$/.exec(argv[i])
    if (m === null) continue
    const value = m[2] ?? argv[++i]
    if (value === undefined) throw new ConfigError(`--${m[1]} needs a value`, `--${m[1]}`)
    out[m[1]] = value
  }
  return out
}

function fromEnv (raw: string, kind: Kind): unknown {
  switch (kind) {
    case 'list': return raw.split(',').map(s => s.trim()).filter(s => s !== '')
    case 'number': return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw
    case 'boolean': return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw
    default: return raw
  }
}

function setPath (target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let node = target
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== 'object' || node[p] === null) node[p] = {}
    node = node[p] as Record<string, unknown>
  }
  node[parts[parts.length - 1]] = value
}

function deepMerge (target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      if (typeof target[k] !== 'object' || target[k] === null) target[k] = {}
      deepMerge(target[k] as Record<string, unknown>, v as Record<string, unknown>)
    } else if (v !== undefined) target[k] = v
  }
}
