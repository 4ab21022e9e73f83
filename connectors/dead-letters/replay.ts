// Replays an archived dead letter, e.g. after the integrator fixed the mapping or the raw schema:
// - a letter a consumer group rejected goes back, unchanged, to the topic it came from, where the
//   group reads it again;
// - a raw record a registered connector rejected is checked again against the stream's current
//   raw schema and, if it passes now, published as a change event like the runner would.
// The letter is then marked replayed. Replaying twice publishes twice; the event ids are the same,
// so consumers keep one.
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { describeErrors } from '../../schemas/validator.js'
import { rawTopic } from '../contract.js'
import { changeEventMessage, toChangeEvent } from '../runner/change-event.js'
import { recordToChange } from '../declarative/declarative-connector.js'
import { compileRawSchema } from '../declarative/raw-schema-ajv.js'
import type { ConnectorRegistry } from '../registry/registry.js'
import { RegistryError } from '../registry/registry-error.js'
import { sleep } from '../../infra/shared/retry.js'
import type { DeadLetterDoc } from '../../infra/event-log/dead-letter-doc.js'
import { isDeadLetterTopic } from '../../infra/event-log/dead-letters.js'

/** settleMs: how long consumers may keep a registration cached (the catalog's TTL). */
export async function replayDeadLetter (
  { store, eventLog, registry, settleMs }:
  { store: Store, eventLog: EventLog, registry: ConnectorRegistry, settleMs: number },
  id: string
): Promise<DeadLetterDoc> {
  const doc = await store.get('dead_letters', id) as DeadLetterDoc | undefined
  if (doc === undefined) throw new RegistryError(404, 'LT_ERR_DEAD_LETTER_NOT_FOUND', `no dead letter '${id}'`)
  // A fix registered a moment ago may not have reached the normalizers' caches yet: wait it out,
  // so the replay meets the fixed mapping.
  const updatedAt = Date.parse((await registry.registrationDoc(doc.connector))?.updatedAt ?? '')
  const wait = updatedAt + settleMs - Date.now()
  if (wait > 0) await sleep(Math.min(wait, settleMs))
  if (doc.group.startsWith('connector.')) await replayRawRecord(doc, eventLog, registry)
  else {
    const topic = doc.origin.topic ?? ''
    if (!/^[a-z0-9._-]+$/.test(topic) || isDeadLetterTopic(topic)) {
      throw new RegistryError(409, 'LT_ERR_DEAD_LETTER_NOT_REPLAYABLE', `origin '${topic}' is not a topic`)
    }
    const headers = { ...doc.headers, 'lt-replay-of': doc._id }
    await eventLog.publish(topic, [{ key: doc.key, value: doc.value, headers }])
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (attempt === 0 ? doc : await store.get('dead_letters', id)) as DeadLetterDoc
    const next: DeadLetterDoc = {
      ...current, version: current.version + 1, state: 'replayed', replays: current.replays + 1,
      replayedAt: new Date().toISOString()
    }
    const { stale } = await store.bulkUpsert('dead_letters', [{ doc: next, expectedVersion: current.version }])
    if (stale.length === 0) return next
  }
  throw new RegistryError(409, 'LT_ERR_CONFLICT', `dead letter '${id}' is being replayed by someone else`)
}

async function replayRawRecord (doc: DeadLetterDoc, eventLog: EventLog, registry: ConnectorRegistry): Promise<void> {
  const reg = (await registry.registrationDoc(doc.connector))?.registration
  if (reg === undefined) {
    throw new RegistryError(409, 'LT_ERR_DEAD_LETTER_NOT_REPLAYABLE', registry.builtIns.has(doc.connector)
      ? `raw records of built-in connector '${doc.connector}' are re-read from the source, not replayed`
      : `connector '${doc.connector}' is no longer registered`)
  }
  const stream = reg.streams.find(s => s.name === doc.origin.stream) ??
    (reg.streams.length === 1 ? reg.streams[0] : undefined)
  if (stream === undefined) {
    throw new RegistryError(409, 'LT_ERR_DEAD_LETTER_NOT_REPLAYABLE',
      `connector '${reg.id}' has no stream '${doc.origin.stream ?? '?'}' any more`)
  }
  const record = JSON.parse(doc.value) as Record<string, unknown>
  const validate = compileRawSchema(stream.rawSchema)
  if (!validate(record)) {
    throw new RegistryError(422, 'LT_ERR_REPLAY_STILL_INVALID',
      `the record still fails the raw schema of ${reg.id} ${reg.version}`, describeErrors(validate.errors))
  }
  const manifest = {
    id: reg.id, version: reg.version, sourceSystem: reg.sourceSystem, mode: reg.mode, streams: reg.streams
  }
  const change = recordToChange(reg, stream, record)
  const event = toChangeEvent(manifest, stream.name, change, false, new Date().toISOString())
  await eventLog.publish(rawTopic(reg.id), [changeEventMessage(event, { 'lt-replay-of': doc._id })])
}
