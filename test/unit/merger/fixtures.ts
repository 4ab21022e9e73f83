// Builders for canonical events and for running merge batches against a real embedded store.
import { pino } from 'pino'
import type { ValidateFunction } from 'ajv'
import type { ConsumedMessage } from '../../../infra/ports/event-log.js'
import type { DeadLetter } from '../../../infra/event-log/dead-letters.js'
import type { Store } from '../../../infra/ports/store.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { canonicalTopic, type CanonicalEntity, type CanonicalEvent } from '../../../schemas/canonical-event.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import { createMergeBatch, type MergeBatch } from '../../../consumers/merger/merge-batch.js'
import { loadSurvivorship, type SurvivorshipRules } from '../../../consumers/merger/survivorship.js'

export const quiet = pino({ level: 'silent' })

export interface EventSpec {
  entity?: CanonicalEntity
  entityId?: string
  op?: 'upsert' | 'delete'
  system: string
  /** Minutes after 2026-01-01T00:00Z. */
  at: number
  /** Ingest delay in seconds after the source time; default 5. */
  ingestAfter?: number
  position?: string
  fields?: Record<string, unknown>
  id?: string
}

const base = Date.parse('2026-01-01T00:00:00.000Z')
let counter = 0

export function canonicalEvent (spec: EventSpec): CanonicalEvent {
  const entity = spec.entity ?? 'person'
  const entityId = spec.entityId ?? '092085001234'
  const sourceTime = new Date(base + spec.at * 60000).toISOString()
  const ingestTime = new Date(base + spec.at * 60000 + (spec.ingestAfter ?? 5) * 1000).toISOString()
  const position = spec.position ?? String(spec.at).padStart(8, '0')
  return {
    id: spec.id ?? `${spec.system}:${entityId}:${position}:${spec.op ?? 'upsert'}:${counter++}`,
    entity,
    entityId,
    op: spec.op ?? 'upsert',
    source: { system: spec.system, connector: `${spec.system}-connector`, connectorVersion: '1.0.0',
      sourceKey: `${spec.system}-${entityId}`, sourceTime, ingestTime, position },
    fields: spec.fields ?? {},
    rawEventId: `raw-${spec.system}-${position}`
  }
}

let offset = 0
export const asMessage = (event: CanonicalEvent): ConsumedMessage => ({
  topic: canonicalTopic(event.entity), partition: 0, offset: String(++offset), key: event.entityId,
  value: JSON.stringify(event), headers: {}, timestamp: Date.now()
})

export interface Harness { store: Store, merge: MergeBatch, dead: DeadLetter[],
  apply: (events: CanonicalEvent[]) => Promise<void> }

let validator: ValidateFunction<CanonicalEvent> | undefined
// Compiling every canonical schema takes a while; one validator serves all harnesses of a file.
const validate = () => (validator ??= createSchemaValidator().validator<CanonicalEvent>('canonical-event'))

export function harness (rules: SurvivorshipRules = loadSurvivorship(),
  store: Store = openEmbeddedStore({ file: ':memory:' })): Harness {
  const dead: DeadLetter[] = []
  const merge = createMergeBatch({
    store, rules, logger: quiet, validate: validate() as ValidateFunction<CanonicalEvent>,
    deadLetter: async letters => { dead.push(...letters) }
  })
  return { store, merge, dead, apply: async events => { await merge(events.map(asMessage)) } }
}
