// Chooses the adapters from configuration: real engines when their settings are given, the
// embedded SQLite adapters otherwise. The only place that decides, so no caller branches on it.
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { HubConfig } from './config/schema.js'
import type { EventLog } from './ports/event-log.js'
import type { Store } from './ports/store.js'
import { openEmbeddedEventLog } from './event-log/embedded.js'
import { openKafkaEventLog } from './event-log/kafka.js'
import { openEmbeddedStore } from './store/embedded.js'
import { openMongoStore } from './store/mongodb.js'

export function openEventLog (config: HubConfig, logger: Logger): EventLog {
  if (config.kafka.brokers.length > 0) {
    return openKafkaEventLog({ ...config.kafka, logger: logger.child({ adapter: 'kafka' }) })
  }
  return openEmbeddedEventLog({ file: join(config.dataDir, 'event-log.sqlite') })
}

export async function openStore (config: HubConfig): Promise<Store> {
  if (config.mongodb.uri !== '') return await openMongoStore(config.mongodb)
  return openEmbeddedStore({ file: join(config.dataDir, 'store.sqlite') })
}
