// Wires the metrics into one hub: wraps the store and event-log ports with the timing decorators,
// and tells the scrape-time gauges where to read (connector registry, store, audit chain, heads
// file). Every store reading is one bounded find (at most COUNT_CAP documents): a gauge at the cap
// means "at least that many".
import type { EventLog } from '../infra/ports/event-log.js'
import type { Store } from '../infra/ports/store.js'
import { createHubMetrics, type HubMetrics } from '../infra/observability/metrics.js'
import { timedStore } from '../infra/observability/timed-store.js'
import { timedEventLog, type WatchedEventLog } from '../infra/observability/timed-event-log.js'
import {
  registerScrapeGauges,
  type ConnectorFigures,
  type DeadLetterDepth
} from '../infra/observability/scrape-gauges.js'
import { toDeadLetterDoc, type DeadLetterDoc } from '../infra/event-log/dead-letter-doc.js'
import type { ConnectorRegistry } from '../connectors/registry/registry.js'
import { AUDIT, type AuditBlock } from '../gateway/security/audit-chain.js'
import { readLastHead } from '../gateway/security/audit-heads-file.js'
import type { UnresolvedDoc } from '../consumers/normalizer/legacy-id-linker.js'

export const COUNT_CAP = 5000

export interface InstrumentedPorts { metrics: HubMetrics, store: Store, eventLog: WatchedEventLog }

/** The metrics of one hub and its ports, timed. */
export function instrumentPorts (ports: { store: Store, eventLog: EventLog }): InstrumentedPorts {
  const metrics = createHubMetrics()
  // The archiver's own reading of a letter, so the connector counted is the one the API lists.
  const ownerOf = (topic: string, m: { key: string, value: string, headers?: Record<string, string> }): {
    connector: string,
    group: string
  } => {
    const { connector, group } = toDeadLetterDoc({
      topic,
      partition: 0,
      offset: '0',
      timestamp: 0,
      key: m.key,
      value: m.value,
      headers: m.headers ?? {}
    })
    return { connector, group }
  }
  return { metrics, store: timedStore(ports.store, metrics), eventLog: timedEventLog(ports.eventLog, metrics, ownerOf) }
}

/** Scrape-time gauges of this hub; `registry` and `headFile` only where the process has them. */
export function watchHub (
  { metrics, store, eventLog }: InstrumentedPorts,
  { registry, headFile }: { registry?: ConnectorRegistry, headFile?: string }
): void {
  registerScrapeGauges(metrics, {
    connectors: registry === undefined ? undefined : async () => await connectorFigures(registry),
    consumerLag: eventLog.consumerLag,
    deadLetters: async () => {
      const open = await store.find('dead_letters', { where: { state: 'open' }, limit: COUNT_CAP }) as DeadLetterDoc[]
      const depth = new Map<string, DeadLetterDepth>()
      for (const d of open) {
        const row = depth.get(`${d.group}|${d.connector}`) ?? { group: d.group, connector: d.connector, open: 0 }
        row.open++
        depth.set(`${d.group}|${d.connector}`, row)
      }
      return [...depth.values()]
    },
    conflictsOpen: async () => (await store.find('conflicts', { where: { status: 'open' }, limit: COUNT_CAP })).length,
    unresolved: async () => {
      const docs = await store.find('unresolved', { limit: COUNT_CAP }) as UnresolvedDoc[]
      return { keys: docs.length, records: docs.reduce((n, d) => n + d.entries.length, 0) }
    },
    audit: async () => {
      const [block] = await store.find(
        AUDIT, { orderBy: { field: '_id', direction: 'desc' }, limit: 1 }
      ) as AuditBlock[]
      const head = block?.entries[block.entries.length - 1]
      const published = headFile === undefined ? undefined : await readLastHead(headFile)
      return { entries: head?.seq ?? 0, lastEntryAt: head?.at, publishedAt: published?.at }
    }
  })
}

/** Each connector's reported status (the registry's, so any role's gateway sees it). */
async function connectorFigures (registry: ConnectorRegistry): Promise<ConnectorFigures[]> {
  const views = await registry.list()
  return await Promise.all(views.map(async v => {
    const s = await registry.status(v.id)
    return {
      id: v.id,
      read: s.read,
      published: s.published,
      rejected: s.rejected,
      failing: s.state === 'failing',
      ...(s.lastSuccessAt !== undefined ? { lastSuccessAt: s.lastSuccessAt } : {}),
      ...(s.lagMs !== undefined ? { lagMs: s.lagMs } : {})
    }
  }))
}
