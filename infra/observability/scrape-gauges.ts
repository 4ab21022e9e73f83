// Figures read when Prometheus scrapes rather than moved by the code: connector status, consumer
// lag, dead-letter depth, open conflicts, the unresolved set, the audit chain. Each reading is
// bounded: it must answer within timeoutMs (else its gauges keep their last value and
// lt_metrics_collector_failures_total says so), and a reading is reused for ttlMs, so a fast
// scraper, or the several gauges one reading feeds, cost one round of store calls.
import { Counter, Gauge } from 'prom-client'
import { withTimeout } from '../shared/retry.js'
import type { HubMetrics } from './metrics.js'

export interface ConnectorFigures {
  id: string
  read: number
  published: number
  rejected: number
  failing: boolean
  lastSuccessAt?: string
  lagMs?: number
}
export interface DeadLetterDepth { group: string, connector: string, open: number }
export interface AuditFigures { entries: number, lastEntryAt?: string, publishedAt?: string }

/** Where each reading comes from; a role that has no such thing leaves it out. */
export interface ScrapeSources {
  connectors?: () => Promise<ConnectorFigures[]>
  consumerLag?: () => Promise<Array<{ group: string, topic: string, lag: number }>>
  deadLetters?: () => Promise<DeadLetterDepth[]>
  conflictsOpen?: () => Promise<number>
  unresolved?: () => Promise<{ keys: number, records: number }>
  audit?: () => Promise<AuditFigures>
}

export interface ScrapeOptions { timeoutMs?: number, ttlMs?: number, now?: () => number }

export function registerScrapeGauges (
  metrics: HubMetrics, sources: ScrapeSources, { timeoutMs = 2000, ttlMs = 2000, now = Date.now }: ScrapeOptions = {}
): void {
  const registers = [metrics.registry]

  /** A bounded, shared reading: undefined when it failed (counted) or there is no source. */
  function reading<T> (name: string, read: (() => Promise<T>) | undefined): () => Promise<T | undefined> {
    let last: { at: number, value: Promise<T | undefined> } | undefined
    return async () => {
      if (read === undefined) return undefined
      if (last === undefined || now() - last.at >= ttlMs) {
        last = {
          at: now(),
          value: withTimeout(read(), timeoutMs, `metrics ${name}`).catch(
            () => { metrics.collectorFailures.inc({ collector: name }); return undefined }
          )
        }
      }
      return await last.value
    }
  }
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>): void => {
    // eslint-disable-next-line no-new
    new Gauge({ name, help, labelNames, registers, async collect () { await collect(this) } })
  }
  /** Replaces a labelled gauge's series, so a connector or group that went away leaves no stale line. */
  const replace = <T>(
    g: Gauge | Counter, rows: T[], labels: (r: T) => Record<string, string>, value: (r: T) => number | undefined
  ): void => {
    g.reset()
    for (const r of rows) {
      const v = value(r)
      if (v === undefined) continue
      if (g instanceof Counter) g.inc(labels(r), v)
      else g.set(labels(r), v)
    }
  }

  const connectors = reading('connectors', sources.connectors)
  const byConnector = (c: ConnectorFigures): Record<string, string> => ({ connector: c.id })
  const connectorCounter = (name: string, help: string, value: (c: ConnectorFigures) => number): void => {
    // eslint-disable-next-line no-new
    new Counter({
      name,
      help,
      labelNames: ['connector'],
      registers,
      async collect () {
        const rows = await connectors()
        if (rows !== undefined) replace(this, rows, byConnector, value)
      }
    })
  }
  connectorCounter(
    'lt_connector_records_read_total',
    'Records a connector read from its source (since its runner started)',
    c => c.read
  )
  connectorCounter('lt_connector_events_published_total', 'Change events a connector published', c => c.published)
  connectorCounter(
    'lt_connector_records_rejected_total',
    'Source records a connector rejected (to its dead-letter topic)',
    c => c.rejected
  )
  gauge('lt_connector_last_success_timestamp_seconds',
    'When a connector last completed a run without error (Unix time)', ['connector'], async g => {
    const rows = await connectors()
    if (rows !== undefined) {
      replace(g, rows, byConnector, c => c.lastSuccessAt === undefined ? undefined : Date.parse(c.lastSuccessAt) / 1000)
    }
  })
  gauge('lt_connector_lag_seconds', 'How far a connector\'s saved position is behind now (0 when caught up)',
    ['connector'], async g => {
    const rows = await connectors()
    if (rows !== undefined) replace(g, rows, byConnector, c => c.lagMs === undefined ? undefined : c.lagMs / 1000)
  })
  gauge('lt_connector_failing', '1 when a connector\'s last run failed', ['connector'], async g => {
    const rows = await connectors()
    if (rows !== undefined) replace(g, rows, byConnector, c => c.failing ? 1 : 0)
  })

  const lag = reading('consumer_lag', sources.consumerLag)
  gauge('lt_consumer_lag_messages', 'Messages a consumer group of this process has yet to handle, per topic',
    ['group', 'topic'], async g => {
    const rows = await lag()
    if (rows !== undefined) replace(g, rows, r => ({ group: r.group, topic: r.topic }), r => r.lag)
  })

  const deadLetters = reading('dead_letters', sources.deadLetters)
  gauge('lt_dead_letters_open', 'Dead letters archived and not replayed, by rejecting group and connector',
    ['group', 'connector'], async g => {
    const rows = await deadLetters()
    if (rows !== undefined) replace(g, rows, r => ({ group: r.group, connector: r.connector }), r => r.open)
  })

  const conflicts = reading('conflicts', sources.conflictsOpen)
  gauge('lt_conflicts_open', 'Conflicts between sources still open', [], async g => {
    const n = await conflicts()
    if (n !== undefined) g.set(n)
  })

  const unresolved = reading('unresolved', sources.unresolved)
  gauge('lt_unresolved_keys', 'Legacy CMNDs with records waiting for a link to a personal id', [], async g => {
    const u = await unresolved()
    if (u !== undefined) g.set(u.keys)
  })
  gauge('lt_unresolved_records', 'Records waiting for a legacy CMND to be linked', [], async g => {
    const u = await unresolved()
    if (u !== undefined) g.set(u.records)
  })

  const audit = reading('audit', sources.audit)
  gauge('lt_audit_entries', 'Entries in the audit chain (the sequence number of its head)', [], async g => {
    const a = await audit()
    if (a !== undefined) g.set(a.entries)
  })
  const age = (at: string | undefined): number | undefined => at === undefined
    ? undefined
    : Math.max(0, (now() - Date.parse(at)) / 1000)
  gauge('lt_audit_head_age_seconds', 'Age of the last entry of the audit chain', [], async g => {
    const v = age((await audit())?.lastEntryAt)
    if (v !== undefined) g.set(v)
  })
  gauge('lt_audit_published_head_age_seconds', 'Time since the audit chain head was last published (heads file)', [],
    async g => {
    const v = age((await audit())?.publishedAt)
    if (v !== undefined) g.set(v)
  })
}
