// Consumes civil-status change events, normalizes each record to a canonical Person and writes the
// citizen's record with one versioned bulk write per batch. Events that cannot be read or mapped
// go to the group's dead-letter topic with the reason; they never block the ones behind them.
import type { Logger } from 'pino'
import type { ValidateFunction } from 'ajv'
import { publishDeadLetters, type ConsumedMessage, type DeadLetter, type EventLog, type Subscription } from '../infra/ports/event-log.js'
import type { Store, VersionedWrite } from '../infra/ports/store.js'
import type { ChangeEvent } from '../schemas/change-event.js'
import { describeErrors } from '../schemas/validator.js'
import { rawTopic } from '../connectors/contract.js'
import { civilStatusToPerson } from './civil-status/to-person.js'
import { applyPersonChange, type PersonDoc } from './golden-person.js'

export const PERSON_CONSUMER_GROUP = 'normalizer.civil-status'

export interface PersonConsumerOptions {
  eventLog: EventLog
  store: Store
  logger: Logger
  validateEvent: ValidateFunction<ChangeEvent>
  batchSize: number
  maxAttempts: number
  onFatal?: (err: Error) => void
}

export class StaleWriteError extends Error {
  constructor (ids: string[]) {
    super(`another writer moved ${ids.length} record(s) during the batch; it will be retried`)
    this.name = 'StaleWriteError'
  }
}

export async function startPersonConsumer (options: PersonConsumerOptions): Promise<Subscription> {
  const { eventLog, store, validateEvent, batchSize, maxAttempts, onFatal } = options
  const logger = options.logger.child({ consumer: PERSON_CONSUMER_GROUP })

  async function handle (batch: ConsumedMessage[]): Promise<void> {
    const dead: DeadLetter[] = []
    const changes: Array<{ event: ChangeEvent, person: PersonDoc['person'] }> = []
    for (const message of batch) {
      const parsed = readEvent(message)
      if ('code' in parsed) { dead.push({ message, ...parsed }); continue }
      if (parsed.op === 'd' || parsed.data === null) { changes.push({ event: parsed, person: null }); continue }
      const mapped = civilStatusToPerson(parsed.data)
      if (!mapped.ok) { dead.push({ message, code: mapped.code, reason: mapped.message }); continue }
      changes.push({ event: parsed, person: mapped.person })
    }
    const current = await store.getMany('persons', [...new Set(changes.map(c => c.event.subject))]) as Map<string, PersonDoc>
    const next = new Map<string, PersonDoc>()
    for (const { event, person } of changes) {
      const applied = applyPersonChange(next.get(event.subject) ?? current.get(event.subject), event, 'ho-tich', person)
      if (applied !== undefined) next.set(event.subject, applied)
    }
    const writes: VersionedWrite[] = [...next.values()].map(doc => ({ doc, expectedVersion: current.get(doc._id)?.version ?? null }))
    const result = await store.bulkUpsert('persons', writes)
    // Dead letters go out before the batch can commit, so a rejected event is never lost.
    await publishDeadLetters(eventLog, PERSON_CONSUMER_GROUP, dead)
    if (dead.length > 0) logger.warn({ count: dead.length, codes: [...new Set(dead.map(d => d.code))] }, 'events sent to dead letters')
    if (result.stale.length > 0) throw new StaleWriteError(result.stale)
    logger.debug({ events: batch.length, written: result.applied.length }, 'batch applied')
  }

  function readEvent (message: ConsumedMessage): ChangeEvent | { code: string, reason: string } {
    let value: unknown
    try { value = JSON.parse(message.value) } catch { return { code: 'LT_ERR_EVENT_PARSE', reason: 'message value is not JSON' } }
    if (!validateEvent(value)) {
      return { code: 'LT_ERR_EVENT_SCHEMA', reason: describeErrors(validateEvent.errors).map(e => `${e.path} ${e.message}`).join('; ') }
    }
    return value
  }

  return await eventLog.subscribe({
    group: PERSON_CONSUMER_GROUP,
    topics: [rawTopic('civil-status')],
    handler: handle,
    maxBatchSize: batchSize,
    maxAttempts,
    onFatal: err => { logger.error({ err }, 'consumer stopped after repeated failures'); onFatal?.(err) }
  })
}
