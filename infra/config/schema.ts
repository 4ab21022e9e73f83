// One configuration schema for the whole hub, validated once at boot. Types are derived from it
// (JSONSchemaType) so the schema and the code cannot drift apart. The `sources` block is generated
// from the built-in connectors' declarations, which the wiring passes in (infra/config/sources.ts).
import type { JSONSchemaType } from 'ajv'
import { sourcesSchema, type SourceDeclaration, type SourceSettings } from './sources.js'

export type { SourceSettings } from './sources.js'

export type Role = 'all' | 'gateway' | 'connectors' | 'consumers'

export interface HubConfig {
  role: Role
  host: string
  port: number
  dataDir: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** What is checked in the embedded SQLite files at start (infra/startup/check-embedded.ts). */
  startupCheck: 'quick' | 'off'
  kafka: { brokers: string[]; clientId: string; requestTimeoutMs: number; namespace: string; partitions: number }
  mongodb: { uri: string; database: string; timeoutMs: number; maxPoolSize: number; maxInFlight: number }
  sim: { enabled: boolean; host: string; port: number; citizens: number; seed: number; changesPerSecond: number }
  /** Each built-in connector's source, keyed by connector id (connectors/built-in.ts). */
  sources: Record<string, SourceSettings>
  consumer: {
    batchSize: number
    maxAttempts: number
    restartMinMs: number
    restartMaxMs: number
    stallMs: number
    shutdownMs: number
  }
  connectors: {
    ssrfAllow: string[]
    reconcileMs: number
    topicRefreshMs: number
    timeoutMs: number
    pushMaxRecords: number
    pushBodyLimitBytes: number
  }
  gateway: { bodyLimitBytes: number; requestTimeoutMs: number; headersTimeoutMs: number; rateLimitPerMinute: number }
  security: {
    operatorKey: string
    demoClients: boolean
    keyCacheTtlMs: number
    grantCacheTtlMs: number
    auditBatchMax: number
    auditTimeoutMs: number
    authFailuresPerKey: number
    authFailuresPerAddress: number
    authFailureWindowMs: number
    metricsKey: string
  }
  /** Publication of the audit chain's head (gateway/security/audit-head-publisher.ts). */
  audit: { headIntervalMs: number; headFile: string }
  /** Replaceable reference data (hub/reference-data.ts). */
  referenceData: { adminUnitsFile: string }
}

/** Everything but the sources, whose schema depends on the built-ins (hubConfigSchemaFor). */
const fixedSchema: JSONSchemaType<Omit<HubConfig, 'sources'>> = {
  $id: 'https://lienthong.cantho.gov.vn/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  required: [
    'role',
    'host',
    'port',
    'dataDir',
    'logLevel',
    'startupCheck',
    'kafka',
    'mongodb',
    'sim',
    'consumer',
    'gateway',
    'security',
    'connectors',
    'audit',
    'referenceData'
  ],
  properties: {
    role: { type: 'string', enum: ['all', 'gateway', 'connectors', 'consumers'], default: 'all' },
    host: { type: 'string', minLength: 1, default: '127.0.0.1' },
    port: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    dataDir: { type: 'string', minLength: 1, default: '.data/hub' },
    logLevel: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    // quick: SQLite quick_check and the log / store positions; off: nothing (a huge file, a hurry).
    startupCheck: { type: 'string', enum: ['quick', 'off'], default: 'quick' },
    kafka: {
      type: 'object',
      additionalProperties: false,
      required: ['brokers', 'clientId', 'requestTimeoutMs', 'namespace', 'partitions'],
      default: {} as never,
      properties: {
        // Empty list = use the embedded (SQLite) event log.
        brokers: { type: 'array', items: { type: 'string', pattern: '^[^\\s:]+:[0-9]{1,5}$' }, default: [] },
        clientId: { type: 'string', minLength: 1, default: 'lienthong' },
        requestTimeoutMs: { type: 'integer', minimum: 100, default: 10000 },
        // Prefix of every topic and consumer group: several hubs or test runs can share a cluster.
        namespace: { type: 'string', pattern: '^([a-z0-9][a-z0-9_-]{0,40})?$', default: '' },
        // Partitions of each topic the hub creates: how many consumer processes of a group can share
        // its load. Fixed once a topic exists (more would move keys between partitions and break
        // per-record order), so it applies to topics created from then on.
        partitions: { type: 'integer', minimum: 1, maximum: 256, default: 3 }
      }
    },
    mongodb: {
      type: 'object',
      additionalProperties: false,
      required: ['uri', 'database', 'timeoutMs', 'maxPoolSize', 'maxInFlight'],
      default: {} as never,
      properties: {
        // Empty string = use the embedded (SQLite) store.
        uri: { type: 'string', pattern: '^(|mongodb(\\+srv)?://.+)$', default: '' },
        database: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,63}$', default: 'lienthong' },
        timeoutMs: { type: 'integer', minimum: 100, default: 10000 },
        // Bounds toward the store, per process (docs/reliability.md): FerretDB 1.x deadlocks when
        // more operations are in flight than its PostgreSQL pool (pool_max_conns) has connections.
        maxPoolSize: { type: 'integer', minimum: 1, maximum: 1000, default: 16 },
        maxInFlight: { type: 'integer', minimum: 1, maximum: 1000, default: 16 }
      }
    },
    sim: {
      type: 'object',
      additionalProperties: false,
      required: ['enabled', 'host', 'port', 'citizens', 'seed', 'changesPerSecond'],
      default: {} as never,
      properties: {
        enabled: { type: 'boolean', default: true },
        host: { type: 'string', minLength: 1, default: '127.0.0.1' },
        // 0: each department takes a free port (two hubs, or a hub and sim:serve, never collide).
        port: { type: 'integer', minimum: 0, maximum: 65535, default: 0 },
        citizens: { type: 'integer', minimum: 1, maximum: 1000000, default: 200 },
        seed: { type: 'integer', default: 47 },
        // Life goes on in the demo city (moves, births, deaths, cards, land), so a newcomer sees records change; 0 =
        // still.
        changesPerSecond: { type: 'number', minimum: 0, maximum: 100, default: 0.5 }
      }
    },
    consumer: {
      type: 'object',
      additionalProperties: false,
      required: ['batchSize', 'maxAttempts', 'restartMinMs', 'restartMaxMs', 'stallMs', 'shutdownMs'],
      default: {} as never,
      properties: {
        batchSize: { type: 'integer', minimum: 1, maximum: 10000, default: 500 },
        maxAttempts: { type: 'integer', minimum: 1, maximum: 100, default: 8 },
        // A consumer that gave up is restarted after restartMinMs, doubling up to restartMaxMs.
        restartMinMs: { type: 'integer', minimum: 10, maximum: 600000, default: 1000 },
        restartMaxMs: { type: 'integer', minimum: 10, maximum: 600000, default: 30000 },
        // A group with messages waiting whose positions do not move for stallMs is stalled: not
        // ready, and its consumer restarted (consumers/stall-detector.ts). It must exceed the
        // longest a single batch may take, or a slow batch is taken for a hang.
        stallMs: { type: 'integer', minimum: 1000, maximum: 3600000, default: 60000 },
        // SIGTERM waits this long for the batch in hand (and every role's stop), then exits 1 saying
        // so: a batch stuck on an engine that never answers must not keep the process alive.
        shutdownMs: { type: 'integer', minimum: 1000, maximum: 600000, default: 30000 }
      }
    },
    connectors: {
      type: 'object',
      additionalProperties: false,
      required: ['ssrfAllow', 'reconcileMs', 'topicRefreshMs', 'timeoutMs', 'pushMaxRecords', 'pushBodyLimitBytes'],
      default: {} as never,
      properties: {
        // CIDRs or host names registered connectors may reach although they are loopback, private,
        // link-local, … (the simulated sources on 127.0.0.1 need 127.0.0.1/32). Empty = none.
        ssrfAllow: {
          type: 'array',
          items: { type: 'string', pattern: '^[A-Za-z0-9.:/_-]{1,255}$' },
          maxItems: 100,
          default: []
        },
        // How often the connectors role re-reads the registry (pause, resume, run, new versions).
        reconcileMs: { type: 'integer', minimum: 100, maximum: 60000, default: 2000 },
        // How often consumers look for topics of newly registered connectors.
        topicRefreshMs: { type: 'integer', minimum: 100, maximum: 60000, default: 3000 },
        // Request timeout for a registered source that sets none.
        timeoutMs: { type: 'integer', minimum: 100, maximum: 120000, default: 10000 },
        pushMaxRecords: { type: 'integer', minimum: 1, maximum: 10000, default: 500 },
        pushBodyLimitBytes: { type: 'integer', minimum: 1024, maximum: 16777216, default: 1048576 }
      }
    },
    gateway: {
      type: 'object',
      additionalProperties: false,
      required: ['bodyLimitBytes', 'requestTimeoutMs', 'headersTimeoutMs', 'rateLimitPerMinute'],
      default: {} as never,
      properties: {
        bodyLimitBytes: { type: 'integer', minimum: 1024, maximum: 104857600, default: 1048576 },
        requestTimeoutMs: { type: 'integer', minimum: 1000, default: 30000 },
        headersTimeoutMs: { type: 'integer', minimum: 1000, default: 10000 },
        // Generous for one-stop counters; 0 turns it off (benchmarks).
        rateLimitPerMinute: { type: 'integer', minimum: 0, default: 6000 }
      }
    },
    security: {
      type: 'object',
      additionalProperties: false,
      required: [
        'operatorKey',
        'demoClients',
        'keyCacheTtlMs',
        'grantCacheTtlMs',
        'auditBatchMax',
        'auditTimeoutMs',
        'authFailuresPerKey',
        'authFailuresPerAddress',
        'authFailureWindowMs',
        'metricsKey'
      ],
      default: {} as never,
      properties: {
        // Bootstrap operator key; empty = none. Long and printable so it cannot be guessed; the
        // pattern (not the value) is what a validation error shows.
        operatorKey: { type: 'string', pattern: '^(|[\\x21-\\x7e]{32,512})$', default: '' },
        // Demo clients with keys in <dataDir>/demo-keys.json; only ever created on the embedded store.
        demoClients: { type: 'boolean', default: true },
        // How long a verified key stays trusted in one process: the bound on how late a revocation
        // made by another process takes effect.
        keyCacheTtlMs: { type: 'integer', minimum: 0, maximum: 60000, default: 5000 },
        grantCacheTtlMs: { type: 'integer', minimum: 0, maximum: 60000, default: 1000 },
        auditBatchMax: { type: 'integer', minimum: 1, maximum: 1000, default: 256 },
        auditTimeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: 5000 },
        // Failed authentications per key id / per address per window before 429; 0 = that throttle off.
        authFailuresPerKey: { type: 'integer', minimum: 0, maximum: 100000, default: 10 },
        authFailuresPerAddress: { type: 'integer', minimum: 0, maximum: 100000, default: 50 },
        authFailureWindowMs: { type: 'integer', minimum: 1000, maximum: 86400000, default: 60000 },
        // Key for GET /metrics only (not an API key); empty = operator keys, or loopback without a key.
        metricsKey: { type: 'string', pattern: '^(|[\\x21-\\x7e]{32,512})$', default: '' }
      }
    },
    audit: {
      type: 'object',
      additionalProperties: false,
      required: ['headIntervalMs', 'headFile'],
      default: {} as never,
      properties: {
        // How often the gateway role publishes the chain's head: the most reads a cut tail can
        // hide from `audit verify` is what was appended since the last publication.
        headIntervalMs: { type: 'integer', minimum: 1000, maximum: 86400000, default: 60000 },
        // Where heads are appended, one JSON line each; empty = <dataDir>/audit-heads.jsonl.
        headFile: { type: 'string', default: '' }
      }
    },
    referenceData: {
      type: 'object',
      additionalProperties: false,
      required: ['adminUnitsFile'],
      default: {} as never,
      properties: {
        // The ward/commune table (CSV or JSON); empty = the bundled schemas/data/admin-units-2025.csv.
        adminUnitsFile: { type: 'string', default: '' }
      }
    }
  }
}

/** The whole config schema for these built-in connectors: `sources.<id>` for each, with its manifest's defaults. */
export function hubConfigSchemaFor (declarations: readonly SourceDeclaration[]): Record<string, unknown> {
  return {
    ...fixedSchema,
    required: [...fixedSchema.required, 'sources'],
    properties: { ...fixedSchema.properties, sources: sourcesSchema(declarations) }
  }
}
