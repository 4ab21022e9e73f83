// Before any role starts: does each configured engine answer (engine-hello.ts)? An unreachable Kafka or MongoDB
// otherwise costs minutes of driver retries, stack traces in the log and connectors already
// polling. All addresses are probed at once, each within the bound.
import type { HubConfig } from '../config/schema.js'
import { parseBroker, parseMongoHosts, type Address } from './engine-addresses.js'
import { kafkaHello, mongoHello, probeEngine, type Hello } from './engine-hello.js'
import { StartupError } from './startup-error.js'

export const PROBE_TIMEOUT_MS = 10000

export async function probeEngines (config: HubConfig, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const targets: Array<{ setting: string, address: Address, hello: Hello }> = []
  for (const broker of config.kafka.brokers) {
    const address = parseBroker(broker)
    if (typeof address === 'string') {
      throw new StartupError(`KAFKA_BROKERS (kafka.brokers): ${address}`, 'KAFKA_BROKERS')
    }
    targets.push({ setting: 'KAFKA_BROKERS (kafka.brokers)', address, hello: kafkaHello })
  }
  if (config.mongodb.uri !== '') {
    const hosts = parseMongoHosts(config.mongodb.uri)
    if (typeof hosts === 'string') throw new StartupError(`MONGODB_URI (mongodb.uri) ${hosts}`, 'MONGODB_URI')
    for (const address of hosts) targets.push({ setting: 'MONGODB_URI (mongodb.uri)', address, hello: mongoHello })
  }
  const results = await Promise.all(
    targets.map(async t => ({ ...t, reason: await probeEngine(t.address.host, t.address.port, t.hello, timeoutMs) }))
  )
  // Kafka needs every listed broker only to bootstrap; one that answers is enough. MongoDB likewise.
  for (const setting of new Set(results.map(r => r.setting))) {
    const mine = results.filter(r => r.setting === setting)
    if (mine.every(r => r.reason !== undefined)) {
      const where = mine.map(r => `${r.address.host}:${r.address.port} (${r.reason as string})`).join(', ')
      throw new StartupError(
        `${setting}: cannot reach ${where}; is the engine running and the address right?`, setting.split(' ')[0]
      )
    }
  }
}
