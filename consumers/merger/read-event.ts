// Reads one message of a canonical topic into a MergeEvent, or says why it cannot be merged.
import type { ValidateFunction } from 'ajv'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import { canonicalTopic, unwrapCanonicalEvent, type CanonicalEvent } from '../../schemas/canonical-event.js'
import { describeErrors } from '../../schemas/validator.js'
import type { MergeEvent } from './fold.js'
import { isoTime } from './stamp.js'

export type ReadResult = { ok: true, event: MergeEvent } | { ok: false, code: string, reason: string }

export function readCanonicalEvent (message: ConsumedMessage, validate: ValidateFunction<CanonicalEvent>): ReadResult {
  let value: unknown
  // A CloudEvent's data, or the bare canonical event older hubs published.
  try { value = unwrapCanonicalEvent(JSON.parse(message.value)) } catch {
    return { ok: false, code: 'LT_ERR_EVENT_PARSE', reason: 'message value is not JSON' }
  }
  if (!validate(value)) {
    return {
      ok: false,
      code: 'LT_ERR_EVENT_SCHEMA',
      reason: describeErrors(validate.errors).map(e => `${e.path} ${e.message}`).join('; ')
    }
  }
  const e = value
  if (message.topic !== canonicalTopic(e.entity)) {
    return {
      ok: false,
      code: 'LT_ERR_CANONICAL_TOPIC',
      reason: `a ${e.entity} event does not belong on ${message.topic}`
    }
  }
  if (message.key !== e.entityId) {
    // Per-key order is what makes one merger the single writer of a record; a wrong key breaks it.
    return { ok: false, code: 'LT_ERR_CANONICAL_KEY', reason: 'message key is not the event\'s entityId' }
  }
  const fields = e.fields as Record<string, unknown>
  if (fields === null || Array.isArray(fields)) {
    return { ok: false, code: 'LT_ERR_EVENT_SCHEMA', reason: '/fields must be an object' }
  }
  return {
    ok: true,
    event: {
      id: e.id,
      entity: e.entity,
      entityId: e.entityId,
      op: e.op,
      system: e.source.system,
      connector: e.source.connector,
      connectorVersion: e.source.connectorVersion,
      sourceKey: e.source.sourceKey,
      sourceTime: isoTime(e.source.sourceTime),
      ingestTime: isoTime(e.source.ingestTime),
      position: e.source.position,
      fields: e.op === 'delete' ? {} : fields
    }
  }
}
