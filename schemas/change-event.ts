// The one envelope on every source topic: a CloudEvents 1.0 event (structured mode, JSON) whose
// extension attributes carry a Debezium-style operation, the source record key, a monotonic source
// position, the connector and the ingest time. Extension names follow the CloudEvents naming rule
// (lower-case letters and digits only) and hold strings, so the official SDKs accept every event.
// The TypeScript type is derived from the schema, so the two cannot disagree.
import type { FromSchema } from 'json-schema-to-ts'

/** The verb of a source event's `type`, from its operation. */
export const opVerb = { c: 'created', u: 'updated', d: 'deleted', r: 'read' } as const

/** `vn.lienthong.<stream>.<created|updated|deleted|read>`: what happened, for routing and filters. */
export const changeEventType = (
  stream: string, op: keyof typeof opVerb
): string => `vn.lienthong.${stream}.${opVerb[op]}`

export const changeEventSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/change-event.json',
  title: 'ChangeEvent',
  description: 'A change to one record of one source system, as published by a connector: a CloudEvent (structured ' +
    'mode).',
  type: 'object',
  additionalProperties: false,
  required: [
    'specversion',
    'id',
    'source',
    'type',
    'subject',
    'time',
    'datacontenttype',
    'op',
    'sourcekey',
    'position',
    'connectorid',
    'connectorversion',
    'ingesttime',
    'data'
  ],
  properties: {
    specversion: { const: '1.0' },
    id: {
      type: 'string',
      minLength: 1,
      maxLength: 512,
      description: 'Unique per source change; consumers are idempotent on it.'
    },
    source: {
      type: 'string',
      pattern: '^/connectors/[a-z0-9-]+/[a-z0-9-]+$',
      description: '/connectors/<connector id>/<stream>'
    },
    type: {
      type: 'string',
      pattern: '^vn\\.lienthong\\.[a-z0-9-]+\\.(created|updated|deleted|read)$',
      description: 'vn.lienthong.<stream>.<created|updated|deleted|read>'
    },
    subject: {
      type: 'string',
      minLength: 1,
      description: 'Entity key; also the Kafka message key, so per-entity order holds.'
    },
    time: { type: 'string', format: 'date-time', description: 'When the source changed the record.' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', format: 'uri' },
    op: { enum: ['c', 'u', 'd', 'r'], description: 'Extension: create, update, delete, or read during a snapshot.' },
    sourcekey: {
      type: 'string',
      minLength: 1,
      description: 'Extension: primary key of the record in the source system.'
    },
    position: {
      type: 'string',
      minLength: 1,
      description: 'Extension: monotonic position of the change in its source stream.'
    },
    connectorid: { type: 'string', pattern: '^[a-z0-9-]+$', description: 'Extension: the connector that read it.' },
    connectorversion: {
      type: 'string',
      pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$',
      description: 'Extension: its semver version.'
    },
    ingesttime: { type: 'string', format: 'date-time', description: 'Extension: when the hub read it.' },
    data: {
      description: 'The raw source record; for a delete the tombstone as the source served it, or null when the ' +
        'source gives none.',
      oneOf: [{ type: 'object' }, { type: 'null' }]
    }
  },
  examples: [{
    specversion: '1.0',
    id: 'civil-status:persons:092085001234:2025-07-02T08:15:00.000Z',
    source: '/connectors/civil-status/persons',
    type: 'vn.lienthong.persons.updated',
    subject: '092085001234',
    time: '2025-07-02T08:15:00.000Z',
    datacontenttype: 'application/json',
    op: 'u',
    sourcekey: '092085001234',
    position: '2025-07-02T08:15:00.000Z|092085001234',
    connectorid: 'civil-status',
    connectorversion: '1.0.0',
    ingesttime: '2025-07-02T08:15:03.120Z',
    data: {
      so_dinh_danh: '092085001234',
      ho_va_ten: 'NGUYỄN VĂN AN',
      ngay_sinh: '14031985',
      gioi_tinh: 'Nam',
      ngay_cap_nhat: '2025-07-02T08:15:00.000Z'
    }
  }]
} as const

export type ChangeEvent = FromSchema<typeof changeEventSchema>
export type ChangeOp = ChangeEvent['op']

/**
 * Reads an event in the envelope older hubs wrote (`key`, `connector: { id, version }`,
 * `ingestTime`, type `vn.lienthong.raw.<connector>.<stream>`) as the current one, so a log that
 * still holds such events replays. Anything else is returned unchanged, for the schema to judge.
 */
export function upgradeChangeEvent (value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const v = value as Record<string, unknown>
  const connector = v.connector as { id?: unknown, version?: unknown } | undefined
  if (v.connectorid !== undefined || connector === null || typeof connector !== 'object') return value
  const { key, connector: _connector, ingestTime, ...rest } = v
  const stream = typeof v.source === 'string' ? v.source.split('/').pop() ?? '' : ''
  const op = v.op as keyof typeof opVerb
  return {
    ...rest,
    type: op in opVerb ? changeEventType(stream, op) : v.type,
    datacontenttype: 'application/json',
    sourcekey: key,
    connectorid: connector.id,
    connectorversion: connector.version,
    ingesttime: ingestTime
  }
}
