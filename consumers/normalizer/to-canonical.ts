// Turns one raw change event into canonical events, pure: the connector's mapping does the field
// work; this decides the operation, the ids and the envelope. Records that carry only a legacy
// key come back as `pending`, for the linker.
import type { ChangeEvent } from '../../schemas/change-event.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import {
  applyMapping,
  type LegacyRef,
  type MappedEntity,
  type MappingIssue
} from '../../connectors/mapping/apply-mapping.js'
import type { ConnectorMappingInfo } from './connector-catalog.js'

/**
 * A canonical event that waits for a legacy key to be linked: either its own id is a legacy key
 * (no entityId), or it names people by legacy keys in fields that hold personal ids (legacyRefs).
 */
export type PendingEvent = Omit<CanonicalEvent, 'id' | 'entityId'> & { entityId?: string, legacyRefs?: LegacyRef[] }
export interface PendingEntity { event: PendingEvent, legacyKey: NonNullable<MappedEntity['legacyKey']> }

export type Normalized =
  | { ok: true, events: CanonicalEvent[], pending: PendingEntity[] }
  | { ok: false, errors: MappingIssue[] }

export const canonicalEventId = (
  rawEventId: string, entity: string, entityId: string
): string => `${rawEventId}#${entity}:${entityId}`

export function toCanonical (
  raw: ChangeEvent,
  info: ConnectorMappingInfo,
  validateFields: (entity: CanonicalEvent['entity'], fields: Record<string, unknown>) => MappingIssue[]
): Normalized {
  const stream = raw.source.split('/').pop() as string
  const outcome = applyMapping(info.mapping, stream, raw.data ?? {})
  // A delete whose source sent no record at all still names its subject.
  if (!outcome.ok && raw.op === 'd' && raw.data === null) {
    const first = info.mapping.streams.find(s => s.stream === stream)?.entities[0]
    if (first === undefined) return outcome
    return {
      ok: true,
      pending: [],
      events: [envelope(raw, info, { entity: first.entity, entityId: raw.subject, fields: {}, warnings: [] }, true)]
    }
  }
  if (!outcome.ok) return outcome
  const deleted = outcome.deleted || raw.op === 'd'
  const events: CanonicalEvent[] = []
  const pending: PendingEntity[] = []
  const errors: MappingIssue[] = []
  for (const mapped of outcome.entities) {
    if (!deleted) {
      errors.push(
        ...validateFields(mapped.entity, mapped.fields).map(e => ({ ...e, path: `${mapped.entity}${e.path}` }))
      )
    }
    const refs = deleted ? [] : mapped.legacyRefs ?? []
    if (mapped.entityId !== undefined && refs.length > 0) {
      const { id: _id, ...rest } = envelope(raw, info, { ...mapped, entityId: mapped.entityId }, deleted)
      pending.push({ event: { ...rest, legacyRefs: refs }, legacyKey: { kind: refs[0].kind, value: refs[0].value } })
    } else if (mapped.entityId !== undefined) events.push(
      envelope(raw, info, { ...mapped, entityId: mapped.entityId }, deleted)
    )
    else if (mapped.legacyKey !== undefined) {
      const { id: _id, entityId: _entityId, ...rest } = envelope(raw, info, { ...mapped, entityId: '?' }, deleted)
      pending.push({ event: rest, legacyKey: mapped.legacyKey })
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events, pending }
}

function envelope (
  raw: ChangeEvent, info: ConnectorMappingInfo, mapped: MappedEntity & { entityId: string }, deleted: boolean
): CanonicalEvent {
  const event: CanonicalEvent = {
    id: canonicalEventId(raw.id, mapped.entity, mapped.entityId),
    entity: mapped.entity,
    entityId: mapped.entityId,
    op: deleted ? 'delete' : 'upsert',
    source: {
      system: info.sourceSystem,
      connector: raw.connectorid,
      connectorVersion: raw.connectorversion,
      sourceKey: raw.sourcekey,
      sourceTime: raw.time,
      ingestTime: raw.ingesttime,
      position: raw.position
    },
    fields: deleted ? {} : mapped.fields,
    rawEventId: raw.id
  }
  if (mapped.warnings.length > 0) {
    event.warnings = mapped.warnings.map(w => ({ code: w.code, message: `${w.path}: ${w.message}` }))
  }
  return event
}
