// The hub's Prometheus metrics: one registry per hub (never prom-client's global one, so two hubs in
// one test process do not share counters), the metrics the code paths move, and the process
// metrics. Labels are bounded names only (route patterns, connector ids, group and topic names,
// collections), never a URL, a key or a personal id.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

const seconds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** What the merger reports per batch (consumers/merger/merge-batch.ts BatchStats), structurally. */
export interface MergeBatchFigures { events: number, rejected: number, records: number, conflictsOpened?: number, conflictsResolved?: number }

export type HubMetrics = ReturnType<typeof createHubMetrics>

export function createHubMetrics () {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const http = ['method', 'route', 'status', 'client_kind'] as const
  const merger = {
    applied: new Counter({ name: 'lt_merger_events_applied_total', help: 'Canonical events the merger folded into golden records', registers }),
    rejected: new Counter({ name: 'lt_merger_events_rejected_total', help: 'Canonical events the merger sent to its dead-letter topic', registers }),
    goldenWrites: new Counter({ name: 'lt_merger_golden_writes_total', help: 'Golden-record versions the merger wrote', registers }),
    conflictsOpened: new Counter({ name: 'lt_merger_conflicts_opened_total', help: 'Conflicts between sources the merger opened (or reopened)', registers }),
    conflictsResolved: new Counter({ name: 'lt_merger_conflicts_resolved_total', help: 'Conflicts the merger resolved (the sources agree again)', registers })
  }
  return {
    registry,
    http: {
      requests: new Counter({ name: 'lt_http_requests_total', help: 'HTTP requests answered, by route pattern, status and client kind', labelNames: http, registers }),
      duration: new Histogram({ name: 'lt_http_request_duration_seconds', help: 'HTTP request latency, by route pattern, status and client kind', labelNames: http, buckets: seconds, registers })
    },
    connector: {
      // The runners' own figures are read on scrape (scrape-gauges.ts); this one moves on publish.
      deadLettered: new Counter({ name: 'lt_connector_dead_lettered_total', help: 'Messages this process sent to a dead-letter topic, by connector and rejecting group', labelNames: ['connector', 'group'], registers })
    },
    consumer: {
      messages: new Counter({ name: 'lt_consumer_messages_total', help: 'Messages a consumer group handled (batch committed), by group and topic', labelNames: ['group', 'topic'], registers }),
      batch: new Histogram({ name: 'lt_consumer_batch_duration_seconds', help: 'Time a consumer group spent on one batch, by group and outcome', labelNames: ['group', 'outcome'], buckets: seconds, registers })
    },
    merger,
    /** The merger's onBatch callback. */
    mergeBatch (this: void, stats: MergeBatchFigures): void {
      merger.applied.inc(stats.events - stats.rejected)
      merger.rejected.inc(stats.rejected)
      merger.goldenWrites.inc(stats.records)
      merger.conflictsOpened.inc(stats.conflictsOpened ?? 0)
      merger.conflictsResolved.inc(stats.conflictsResolved ?? 0)
    },
    calls: {
      store: new Histogram({ name: 'lt_store_call_duration_seconds', help: 'Store port call latency, by operation, collection and outcome', labelNames: ['operation', 'collection', 'outcome'], buckets: seconds, registers }),
      eventLog: new Histogram({ name: 'lt_event_log_call_duration_seconds', help: 'Event-log port call latency, by operation and outcome', labelNames: ['operation', 'outcome'], buckets: seconds, registers })
    },
    collectorFailures: new Counter({ name: 'lt_metrics_collector_failures_total', help: 'Scrape-time readings that failed or timed out (their gauges keep the last value)', labelNames: ['collector'], registers })
  }
}

/** Seconds elapsed since a process.hrtime.bigint() reading. */
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9
