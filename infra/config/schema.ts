// One configuration schema for the whole hub, validated once at boot. Types are derived from it
// (JSONSchemaType) so the schema and the code cannot drift apart.
import type { JSONSchemaType } from 'ajv'

export type Role = 'all' | 'gateway' | 'connectors' | 'consumers'

export interface HubConfig {
  role: Role
  host: string
  port: number
  dataDir: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  kafka: { brokers: string[]; clientId: string; requestTimeoutMs: number }
  mongodb: { uri: string; database: string; timeoutMs: number }
  sim: { enabled: boolean; host: string; port: number; citizens: number; seed: number }
  civilStatus: { baseUrl: string; schedule: string; pageSize: number; timeoutMs: number }
  consumer: { batchSize: number; maxAttempts: number }
}

export const hubConfigSchema: JSONSchemaType<HubConfig> = {
  $id: 'https://lienthong.cantho.gov.vn/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  required: ['role', 'host', 'port', 'dataDir', 'logLevel', 'kafka', 'mongodb', 'sim', 'civilStatus', 'consumer'],
  properties: {
    role: { type: 'string', enum: ['all', 'gateway', 'connectors', 'consumers'], default: 'all' },
    host: { type: 'string', minLength: 1, default: '127.0.0.1' },
    port: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    dataDir: { type: 'string', minLength: 1, default: '.data/hub' },
    logLevel: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    kafka: {
      type: 'object',
      additionalProperties: false,
      required: ['brokers', 'clientId', 'requestTimeoutMs'],
      default: {} as never,
      properties: {
        // Empty list = use the embedded (SQLite) event log.
        brokers: { type: 'array', items: { type: 'string', pattern: '^[^\\s:]+:[0-9]{1,5}$' }, default: [] },
        clientId: { type: 'string', minLength: 1, default: 'lienthong' },
        requestTimeoutMs: { type: 'integer', minimum: 100, default: 10000 }
      }
    },
    mongodb: {
      type: 'object',
      additionalProperties: false,
      required: ['uri', 'database', 'timeoutMs'],
      default: {} as never,
      properties: {
        // Empty string = use the embedded (SQLite) store.
        uri: { type: 'string', pattern: '^(|mongodb(\\+srv)?://.+)$', default: '' },
        database: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,63}$', default: 'lienthong' },
        timeoutMs: { type: 'integer', minimum: 100, default: 10000 }
      }
    },
    sim: {
      type: 'object',
      additionalProperties: false,
      required: ['enabled', 'host', 'port', 'citizens', 'seed'],
      default: {} as never,
      properties: {
        enabled: { type: 'boolean', default: true },
        host: { type: 'string', minLength: 1, default: '127.0.0.1' },
        port: { type: 'integer', minimum: 0, maximum: 65535, default: 3101 },
        citizens: { type: 'integer', minimum: 1, maximum: 1000000, default: 200 },
        seed: { type: 'integer', default: 47 }
      }
    },
    civilStatus: {
      type: 'object',
      additionalProperties: false,
      required: ['baseUrl', 'schedule', 'pageSize', 'timeoutMs'],
      default: {} as never,
      properties: {
        // Empty = the simulated source started by this process.
        baseUrl: { type: 'string', pattern: '^(|https?://.+)$', default: '' },
        schedule: { type: 'string', minLength: 9, default: '*/5 * * * * *' },
        pageSize: { type: 'integer', minimum: 1, maximum: 5000, default: 500 },
        timeoutMs: { type: 'integer', minimum: 100, default: 10000 }
      }
    },
    consumer: {
      type: 'object',
      additionalProperties: false,
      required: ['batchSize', 'maxAttempts'],
      default: {} as never,
      properties: {
        batchSize: { type: 'integer', minimum: 1, maximum: 10000, default: 500 },
        maxAttempts: { type: 'integer', minimum: 1, maximum: 100, default: 8 }
      }
    }
  }
}
