// What the normalizer says one source knows about one canonical entity, ready for the merger.
// `fields` is partial on purpose: each source contributes only the fields it holds, and the merger
// decides per field which source wins. On `canonical.<entity>` topics it travels as the data of a
// CloudEvent (structured mode) of type `vn.lienthong.<entity>.upserted|deleted`, whose subject is
// the entity id (see consumers/normalizer/canonical-message.ts); unwrapCanonicalEvent reads both
// that and the bare object older hubs published.
import type { FromSchema } from 'json-schema-to-ts'

export const canonicalEntities = ['person', 'household', 'land-parcel', 'land-use-certificate', 'health-insurance-card',
  'business-household',
  'driver-licence',
  'unemployment-benefit',
  'student-enrolment',
  'notarization',
  'construction-permit',
  'civil-servant',
  'social-beneficiary',
  'urban-infrastructure'] as const
export type CanonicalEntity = typeof canonicalEntities[number]

export const canonicalTopic = (entity: CanonicalEntity): string => `canonical.${entity}`

/** `vn.lienthong.<entity>.upserted|deleted`. */
export const canonicalEventType = (entity: CanonicalEntity, op: 'upsert' | 'delete'): string =>
  `vn.lienthong.${entity}.${op === 'delete' ? 'deleted' : 'upserted'}`

/** The canonical event a message value holds: a CloudEvent's data, or (older logs) the value itself. */
export function unwrapCanonicalEvent (value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const v = value as Record<string, unknown>
  return v.specversion !== undefined && 'data' in v ? v.data : value
}

export const canonicalEventSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/canonical-event.json',
  title: 'CanonicalEvent',
  description: 'One source\'s view of one canonical entity after normalization; keyed by entityId on ' +
    'canonical.<entity>.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'entity', 'entityId', 'op', 'source', 'fields', 'rawEventId'],
  properties: {
    id: {
      type: 'string',
      minLength: 1,
      description: 'Unique and stable: derived from the raw event id, the entity and its id, so a replay yields the ' +
        'same id.'
    },
    entity: { enum: canonicalEntities },
    entityId: {
      type: 'string',
      minLength: 1,
      description: 'Canonical id: 12-digit personal id, parcel id, card number, …'
    },
    op: { enum: ['upsert', 'delete'] },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['system', 'connector', 'connectorVersion', 'sourceKey', 'sourceTime', 'ingestTime', 'position'],
      properties: {
        system: {
          type: 'string',
          minLength: 1,
          description: 'Source system, e.g. ho-tich, cu-tru, dat-dai, bhyt, dang-ky-kinh-doanh.'
        },
        connector: { type: 'string', minLength: 1 },
        connectorVersion: { type: 'string', minLength: 1 },
        sourceKey: { type: 'string', minLength: 1 },
        sourceTime: { type: 'string', format: 'date-time' },
        ingestTime: { type: 'string', format: 'date-time' },
        position: { type: 'string', minLength: 1, description: 'Monotonic within one source stream.' }
      }
    },
    fields: { type: 'object', description: 'The canonical fields this source holds for the entity (partial).' },
    rawEventId: { type: 'string', minLength: 1 },
    warnings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' } }
      }
    }
  },
  examples: [{
    id: 'civil-status:persons:092085001234:2026-03-01T08:00:00.000Z#person:092085001234',
    entity: 'person',
    entityId: '092085001234',
    op: 'upsert',
    source: {
      system: 'ho-tich',
      connector: 'civil-status',
      connectorVersion: '1.0.0',
      sourceKey: '092085001234',
      sourceTime: '2026-03-01T08:00:00.000Z',
      ingestTime: '2026-03-01T08:00:05.000Z',
      position: '2026-03-01T08:00:00.000Z|092085001234'
    },
    fields: { fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', sex: 'male' },
    rawEventId: 'civil-status:persons:092085001234:2026-03-01T08:00:00.000Z'
  }]
} as const

export type CanonicalEvent = FromSchema<typeof canonicalEventSchema>
