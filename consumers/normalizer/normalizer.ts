// The normalizer consumer group: raw change events in, canonical events out on
// `canonical.<entity>`, keyed by canonical id. It applies each connector's declarative mapping,
// checks the result against the canonical schema, links legacy-only records, and sends what it
// cannot read or map to its dead-letter topic with the reason, origin topic, partition and offset.
import type { Logger } from 'pino'
import type { ValidateFunction } from 'ajv'
import type { ConsumedMessage, EventLog, OutgoingMessage, Subscription } from '../../infra/ports/event-log.js'
import { publishDeadLetters, type DeadLetter } from '../../infra/event-log/dead-letters.js'
import type { Store } from '../../infra/ports/store.js'
import { upgradeChangeEvent, type ChangeEvent } from '../../schemas/change-event.js'
import { canonicalTopic, type CanonicalEvent } from '../../schemas/canonical-event.js'
import { describeErrors } from '../../schemas/validator.js'
import type { MappingValidator } from '../../connectors/mapping/validate-mapping.js'
import type { ConnectorCatalog } from './connector-catalog.js'
import { toCanonical, type PendingEntity } from './to-canonical.js'
import { linkLegacyIds } from './legacy-id-linker.js'
import { followTopics } from '../follow-topics.js'
import { canonicalMessage } from './canonical-message.js'
import { timeSlicer } from '../../infra/shared/event-loop.js'

export const NORMALIZER_GROUP = 'normalizer'

export interface NormalizerOptions {
  eventLog: EventLog
  store: Store
  logger: Logger
  catalog: ConnectorCatalog
  validateEvent: ValidateFunction<ChangeEvent>
  mappingValidator: MappingValidator
  batchSize: number
  maxAttempts: number
  onFatal?: (err: Error) => void
  /** When set, the catalog's raw topics are re-read this often and the subscription follows them. */
  topicRefreshMs?: number
  /** Called after each batch is handled (its commit follows) with its counts: metrics, benchmarks. */
  onBatch?: (stats: { raw: number, canonical: number, dead: number, parked: number }) => void
}

export async function startNormalizer (options: NormalizerOptions): Promise<Subscription> {
  const {
    eventLog,
    store,
    catalog,
    validateEvent,
    mappingValidator,
    batchSize,
    maxAttempts,
    onFatal,
    onBatch
  } = options
  const logger = options.logger.child({ consumer: NORMALIZER_GROUP })

  async function handle (batch: ConsumedMessage[]): Promise<void> {
    const dead: DeadLetter[] = []
    const events: CanonicalEvent[] = []
    const pending: PendingEntity[] = []
    const slice = timeSlicer()
    for (const message of batch) {
      await slice()
      const raw = readEvent(message)
      if ('code' in raw) { dead.push({ message, ...raw }); continue }
      const info = await catalog.mappingFor(raw.connectorid)
      if (info === undefined) {
        dead.push({ message, code: 'LT_ERR_CONNECTOR_UNKNOWN', reason: `no mapping for connector ${raw.connectorid}` })
        continue
      }
      const normalized = toCanonical(raw, info, mappingValidator.validateFields)
      if (!normalized.ok) {
        dead.push({
          message,
          code: normalized.errors[0].code,
          reason: normalized.errors.map(e => `${e.path}: ${e.message}`).join('; ')
        })
        continue
      }
      events.push(...normalized.events)
      pending.push(...normalized.pending)
    }
    const links = await linkLegacyIds(store, events, pending)
    await publishCanonical([...events, ...links.events])
    // Dead letters go out before the batch commits, so a rejected event is never lost.
    await publishDeadLetters(eventLog, NORMALIZER_GROUP, dead)
    if (links.releasedGroups.length > 0) await store.deleteMany('unresolved', links.releasedGroups)
    if (dead.length > 0) {
      logger.warn({ count: dead.length, codes: [...new Set(dead.map(d => d.code))] }, 'raw events sent to dead letters')
    }
    const stats = {
      raw: batch.length,
      canonical: events.length + links.events.length,
      dead: dead.length,
      parked: links.parked
    }
    logger.debug(stats, 'batch normalized')
    onBatch?.(stats)
  }

  async function publishCanonical (events: CanonicalEvent[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>()
    for (const e of events) {
      const topic = canonicalTopic(e.entity)
      const list = byTopic.get(topic) ?? []
      list.push(canonicalMessage(e))
      byTopic.set(topic, list)
    }
    for (const [topic, messages] of byTopic) await eventLog.publish(topic, messages)
  }

  function readEvent (message: ConsumedMessage): ChangeEvent | { code: string, reason: string } {
    let value: unknown
    try { value = upgradeChangeEvent(JSON.parse(message.value)) } catch {
      return { code: 'LT_ERR_EVENT_PARSE', reason: 'message value is not JSON' }
    }
    if (!validateEvent(value)) {
      return {
        code: 'LT_ERR_EVENT_SCHEMA',
        reason: describeErrors(validateEvent.errors).map(e => `${e.path} ${e.message}`).join('; ')
      }
    }
    return value
  }

  const subscribe = async (topics: string[]): Promise<Subscription> => await eventLog.subscribe({
    group: NORMALIZER_GROUP,
    topics,
    handler: handle,
    maxBatchSize: batchSize,
    maxAttempts,
    onFatal: err => { logger.error({ err }, 'normalizer stopped after repeated failures'); onFatal?.(err) }
  })
  if (options.topicRefreshMs === undefined) return await subscribe(await catalog.rawTopics())
  return await followTopics({ topics: catalog.rawTopics, subscribe, intervalMs: options.topicRefreshMs, logger })
}
