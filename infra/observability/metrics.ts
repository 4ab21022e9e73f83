// The hub's Prometheus metrics: one registry per hub (never prom-client's global one, so two hubs in
// one test process do not share counters), the metrics the code paths move, and the process
// metrics. Labels are bounded names only (route patterns, connector ids, group and topic names,
// collections), never a URL, a key or a personal id.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

const seconds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** What the merger reports per batch (consumers/merger/merge-batch.ts BatchStats), structurally. */
export interface MergeBatchFigures {
  events: number,
  rejected: number,
  records: number,
  conflictsOpened?: number,
  conflictsResolved?: number
}

export type HubMetrics = ReturnType<typeof createHubMetrics>

export function createHubMetrics () {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> =>
    new Counter({ name, help, labelNames, registers })
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> =>
    new Histogram({ name, help, labelNames, buckets: seconds, registers })
  const http = ['method', 'route', 'status', 'client_kind'] as const
  const merger = {
    applied: counter('lt_merger_events_applied_total', 'Canonical events the merger folded into golden records'),
    rejected: counter('lt_merger_events_rejected_total', 'Canonical events the merger sent to its dead-letter topic'),
    goldenWrites: counter('lt_merger_golden_writes_total', 'Golden-record versions the merger wrote'),
    conflictsOpened: counter(
      'lt_merger_conflicts_opened_total', 'Conflicts between sources the merger opened (or reopened)'
    ),
    conflictsResolved: counter(
      'lt_merger_conflicts_resolved_total',
      'Conflicts the merger resolved (the sources agree again, or a data steward decided)'
    )
  }
  return {
    registry,
    http: {
      requests: counter('lt_http_requests_total',
        'HTTP requests answered, by route pattern, status and client kind', http),
      duration: histogram('lt_http_request_duration_seconds',
        'HTTP request latency, by route pattern, status and client kind', http)
    },
    connector: {
      // The runners' own figures are read on scrape (scrape-gauges.ts); this one moves on publish.
      deadLettered: counter('lt_connector_dead_lettered_total',
        'Messages this process sent to a dead-letter topic, by connector and rejecting group', ['connector', 'group'])
    },
    consumer: {
      messages: counter('lt_consumer_messages_total',
        'Messages a consumer group handled (batch committed), by group and topic', ['group', 'topic']),
      batch: histogram('lt_consumer_batch_duration_seconds',
        'Time a consumer group spent on one batch, by group and outcome', ['group', 'outcome']),
      restarts: counter('lt_consumer_restarts_total',
        'Restarts of a supervised consumer begun, by consumer and reason (crashed, stalled)', ['consumer', 'reason'])
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
      store: histogram('lt_store_call_duration_seconds',
        'Store port call latency, by operation, collection and outcome', ['operation', 'collection', 'outcome']),
      eventLog: histogram('lt_event_log_call_duration_seconds',
        'Event-log port call latency, by operation and outcome', ['operation', 'outcome'])
    },
    collectorFailures: counter('lt_metrics_collector_failures_total',
      'Scrape-time readings that failed or timed out (their gauges keep the last value)', ['collector'])
  }
}

/** Seconds elapsed since a process.hrtime.bigint() reading. */
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9
