// An event log with no log in it: what a connector publishes is normalized and merged at once, in
// this process, by the hub's own functions (the connector mappings, toCanonical, the legacy-id
// linker, createMergeBatch). Seeding a benchmark store this way runs every step the real pipeline
// runs on a record except Kafka's transport, so the golden records are the ones the hub would build.
import type { ValidateFunction } from 'ajv'
import { pino } from 'pino'
import type { ConsumedMessage, EventLog, OutgoingMessage } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import type { ChangeEvent } from '../../schemas/change-event.js'
import { canonicalTopic, type CanonicalEvent } from '../../schemas/canonical-event.js'
import type { MappingValidator } from '../../connectors/mapping/validate-mapping.js'
import type { ConnectorMappingInfo } from '../../consumers/normalizer/connector-catalog.js'
import { toCanonical, type PendingEntity } from '../../consumers/normalizer/to-canonical.js'
import { linkLegacyIds } from '../../consumers/normalizer/legacy-id-linker.js'
import { createMergeBatch } from '../../consumers/merger/merge-batch.js'
import type { SurvivorshipRules } from '../../consumers/merger/survivorship.js'

export interface PipelineStats {
  raw: number
  /** Raw rows the connector refused (raw schema) and events the normalizer or merger refused. */
  rejected: number
  canonical: number
  parked: number
  records: number
  versions: number
  conflicts: number
  normalizeMs: number
  mergeMs: number
}

export interface PipelineLogDeps {
  store: Store
  mappings: Record<string, ConnectorMappingInfo>
  mappingValidator: MappingValidator
  validateRaw: ValidateFunction<ChangeEvent>
  validateCanonical: ValidateFunction<CanonicalEvent>
  rules: SurvivorshipRules
  /**
   * Most canonical events per merge batch (the consumer's batch size). FerretDB 1.24.2 hangs for
   * good on a bulkWrite holding more replaceOne operations than its PostgreSQL pool has
   * connections (docs/benchmarks.md), so seeding it needs batches below that.
   */
  mergeBatch: number
}

export function createPipelineLog ({ store, mappings, mappingValidator, validateRaw, validateCanonical, rules,
  mergeBatch }: PipelineLogDeps): EventLog & { stats: PipelineStats } {
  const stats: PipelineStats = { raw: 0, rejected: 0, canonical: 0, parked: 0, records: 0, versions: 0, conflicts: 0,
    normalizeMs: 0, mergeMs: 0 }
  const merge = createMergeBatch({
    store, rules, validate: validateCanonical, logger: pino({ level: 'silent' }),
    deadLetter: async letters => { stats.rejected += letters.length }
  })
  let offset = 0

  async function normalizeAndMerge (messages: OutgoingMessage[]): Promise<void> {
    const started = performance.now()
    const events: CanonicalEvent[] = []
    const pending: PendingEntity[] = []
    for (const message of messages) {
      const raw: unknown = JSON.parse(message.value)
      if (!validateRaw(raw)) { stats.rejected++; continue }
      const info = mappings[raw.connectorid]
      const normalized = info === undefined ? undefined : toCanonical(raw, info, mappingValidator.validateFields)
      if (normalized === undefined || !normalized.ok) { stats.rejected++; continue }
      events.push(...normalized.events)
      pending.push(...normalized.pending)
    }
    const links = await linkLegacyIds(store, events, pending)
    const canonical = [...events, ...links.events]
    const merging = performance.now()
    stats.normalizeMs += merging - started
    for (let i = 0; i < canonical.length; i += mergeBatch) {
      const batch = await merge(canonical.slice(i, i + mergeBatch).map((event): ConsumedMessage => ({
        topic: canonicalTopic(event.entity), partition: 0, offset: String(++offset), key: event.entityId,
        value: JSON.stringify(event), headers: {}, timestamp: Date.now()
      })))
      stats.records += batch.records
      stats.versions += batch.versions
      stats.conflicts += batch.conflicts
    }
    if (links.releasedGroups.length > 0) await store.deleteMany('unresolved', links.releasedGroups)
    stats.mergeMs += performance.now() - merging
    stats.raw += messages.length
    stats.canonical += canonical.length
    stats.parked += links.parked
  }

  return {
    kind: 'embedded',
    stats,
    publish: async (topic, messages) => {
      if (messages.length === 0) return
      // The connector's own dead letters: rows its raw schema refused.
      if (topic.startsWith('dlq.')) { stats.rejected += messages.length; return }
      await normalizeAndMerge(messages)
    },
    subscribe: async () => { throw new Error('the pipeline log only takes publishes') },
    lastOffsets: async () => { throw new Error('the pipeline log keeps no messages') },
    ping: async () => {},
    close: async () => {}
  }
}
