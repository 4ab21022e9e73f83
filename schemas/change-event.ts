// The one envelope on every topic: CloudEvents 1.0 attributes plus a Debezium-style operation,
// the source record key and a monotonic source position. The TypeScript type is derived from the
// schema, so the two cannot disagree.
import type { FromSchema } from 'json-schema-to-ts'

export const changeEventSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/change-event.json',
  title: 'ChangeEvent',
  description: 'A change to one record of one source system, as published by a connector.',
  type: 'object',
  additionalProperties: false,
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'op', 'key', 'position', 'connector', 'ingestTime', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', minLength: 1, maxLength: 512, description: 'Unique per source change; consumers are idempotent on it.' },
    source: { type: 'string', pattern: '^/connectors/[a-z0-9-]+/[a-z0-9-]+$', description: '/connectors/<connector id>/<stream>' },
    type: { type: 'string', pattern: '^vn\\.lienthong\\.raw\\.[a-z0-9-]+\\.[a-z0-9-]+$' },
    subject: { type: 'string', minLength: 1, description: 'Entity key; also the Kafka message key, so per-entity order holds.' },
    time: { type: 'string', format: 'date-time', description: 'When the source changed the record.' },
    dataschema: { type: 'string', format: 'uri' },
    op: { enum: ['c', 'u', 'd', 'r'], description: 'create, update, delete, or read during a snapshot' },
    key: { type: 'string', minLength: 1, description: 'Primary key of the record in the source system.' },
    position: { type: 'string', minLength: 1, description: 'Monotonic position of the change in its source stream.' },
    connector: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'version'],
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9-]+$' },
        version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' }
      }
    },
    ingestTime: { type: 'string', format: 'date-time' },
    data: { description: 'The raw source record; for a delete the tombstone as the source served it, or null when the source gives none.', oneOf: [{ type: 'object' }, { type: 'null' }] }
  },
  examples: [{
    specversion: '1.0',
    id: 'civil-status:persons:092085001234:2025-07-02T08:15:00.000Z',
    source: '/connectors/civil-status/persons',
    type: 'vn.lienthong.raw.civil-status.persons',
    subject: '092085001234',
    time: '2025-07-02T08:15:00.000Z',
    op: 'u',
    key: '092085001234',
    position: '2025-07-02T08:15:00.000Z|092085001234',
    connector: { id: 'civil-status', version: '1.0.0' },
    ingestTime: '2025-07-02T08:15:03.120Z',
    data: { so_dinh_danh: '092085001234', ho_va_ten: 'NGUYỄN VĂN AN', ngay_sinh: '14031985', gioi_tinh: 'Nam', ngay_cap_nhat: '2025-07-02T08:15:00.000Z' }
  }]
} as const

export type ChangeEvent = FromSchema<typeof changeEventSchema>
export type ChangeOp = ChangeEvent['op']
