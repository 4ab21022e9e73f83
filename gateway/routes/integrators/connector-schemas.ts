// Declared success bodies of the connector registry API. The serializer drops whatever a schema
// leaves out, so each one lists every field the registry returns (connectors/registry/): a field
// added there must be added here. Parts that are data by nature (raw schemas, mappings, config,
// canonical fields) stay open objects.
import { registrationSchema } from '../../../connectors/registry/registration-schema.js'

const time = { type: 'string', format: 'date-time' } as const
const count = { type: 'integer', minimum: 0 } as const
const openObject = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const
const issue = {
  type: 'object',
  required: ['path', 'code', 'message'],
  properties: {
    path: { type: 'string', description: 'JSON pointer of the offending value.' },
    code: { type: 'string' },
    message: { type: 'string' }
  }
} as const

const { items: registeredStream } = registrationSchema.properties.streams
const streamSchema = {
  ...registeredStream,
  properties: {
    ...registeredStream.properties,
    rawSchema: openObject('JSON Schema (draft 2020-12) every raw record of the stream must satisfy.')
  }
} as const

const exampleRawSchema = {
  type: 'object',
  required: ['ma_doi_tuong', 'so_dinh_danh', 'ho_ten', 'cap_nhat_luc'],
  properties: {
    ma_doi_tuong: { type: 'string', minLength: 1 },
    so_dinh_danh: { type: 'string', pattern: '^\\d{12}$' },
    ho_ten: { type: 'string' },
    ngay_sinh: { type: 'string' },
    cap_nhat_luc: { type: 'string', format: 'date-time' },
    da_xoa: { type: 'boolean' }
  }
}

const connectorExample = {
  id: 'tro-cap-xa-hoi',
  version: '1.0.0',
  sourceSystem: 'bao-tro-xa-hoi',
  mode: 'poll',
  builtIn: false,
  title: 'Social welfare beneficiaries',
  paused: false,
  streams: [{
    name: 'beneficiaries',
    path: '/api/doi-tuong',
    primaryKey: 'ma_doi_tuong',
    cursorField: 'cap_nhat_luc',
    rawSchema: exampleRawSchema
  }],
  source: {
    url: 'https://btxh.cantho.gov.vn',
    schedule: '0 */5 * * * *',
    pageSize: 200,
    timeoutMs: 10000,
    headers: { 'x-api-key': { fromConfig: 'apiKey' } },
    paging: {
      style: 'cursor',
      params: { updatedSince: 'tu_ngay', afterKey: 'sau_ma', limit: 'so_luong' },
      records: 'ket_qua.danh_sach',
      next: 'tiep_theo'
    }
  },
  config: {
    schema: {
      type: 'object',
      required: ['apiKey'],
      properties: { apiKey: { type: 'string', writeOnly: true, description: 'API key the welfare office issued ' +
        'to the hub' } }
    },
    values: {},
    secretsSet: ['apiKey']
  },
  mapping: {
    streams: [{
      stream: 'beneficiaries',
      deleteWhen: { from: 'da_xoa', equals: true },
      entities: [{
        entity: 'person',
        id: { from: 'so_dinh_danh', transform: ['personal-id'] },
        fields: [
          { from: 'so_dinh_danh', to: 'personalId', transform: ['personal-id'] },
          { from: 'ho_ten', to: 'fullName', transform: ['name.full'], required: true },
          { from: 'ngay_sinh', to: 'birthDate', transform: ['date'] }
        ]
      }]
    }]
  },
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z'
}

/** ConnectorView of the registry: built-in or registered, secrets left out. */
export const connectorViewSchema = {
  $id: 'ConnectorView',
  title: 'ConnectorView',
  description: 'A connector as the registry holds it. Write-only config values and the push token are never returned.',
  type: 'object',
  required: ['id', 'version', 'sourceSystem', 'mode', 'builtIn', 'paused', 'streams', 'mapping'],
  properties: {
    id: { type: 'string' },
    version: { type: 'string', description: 'semver' },
    sourceSystem: { type: 'string' },
    mode: { type: 'string', enum: ['poll', 'push', 'file'] },
    builtIn: { type: 'boolean', description: 'Shipped with the hub: configured by the operator, not editable here.' },
    title: { type: 'string' },
    paused: { type: 'boolean' },
    streams: { type: 'array', items: streamSchema },
    source: {
      ...registrationSchema.properties.source,
      description: 'Registered poll connectors: the source as registered.'
    },
    config: {
      type: 'object',
      required: ['schema', 'values', 'secretsSet'],
      description: 'Registered connectors with settings.',
      properties: {
        schema: openObject('JSON Schema of the settings; write-only properties are secrets.'),
        values: openObject('The settings, write-only (secret) values left out.'),
        secretsSet: { type: 'array', items: { type: 'string' }, description: 'Write-only settings that hold a value.' }
      }
    },
    push: {
      type: 'object',
      required: ['tokenSet'],
      description: 'Push connectors.',
      properties: { tokenSet: { type: 'boolean' } }
    },
    mapping: openObject('The mapping to canonical entities (docs/connectors.md).'),
    createdAt: { ...time, description: 'Registered connectors.' },
    updatedAt: { ...time, description: 'Registered connectors: when the current version was registered.' }
  },
  examples: [connectorExample]
} as const

export const connectorListResponse = {
  type: 'object',
  description: 'Built-in connectors first, then registered ones by id.',
  required: ['data'],
  properties: { data: { type: 'array', items: { $ref: 'ConnectorView#' } } },
  examples: [{ data: [connectorExample] }]
} as const

/** StatusView of the registry: desired state and what the connectors role last reported. */
export const connectorStatusSchema = {
  $id: 'ConnectorStatus',
  title: 'ConnectorStatus',
  description: 'What the connector\'s runner last reported, with the desired state set through the API.',
  type: 'object',
  required: ['id', 'version', 'state', 'paused', 'read', 'published', 'rejected', 'running'],
  properties: {
    id: { type: 'string' },
    version: { type: 'string', description: 'The version the runner reported on, else the registered one.' },
    state: { type: 'string', enum: ['paused', 'running', 'failing', 'healthy', 'not-run-yet'] },
    paused: { type: 'boolean' },
    read: { ...count, description: 'Raw records read (or pushed) in total.' },
    published: { ...count, description: 'Change events published.' },
    rejected: { ...count, description: 'Raw records rejected (dead-lettered when polled).' },
    running: { type: 'boolean', description: 'A run is in progress.' },
    lastRunAt: time,
    lastSuccessAt: time,
    lastError: {
      type: 'object',
      required: ['code', 'message', 'at'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        at: time,
        stream: { type: 'string', description: 'The stream that failed.' }
      }
    },
    lagMs: { ...count, description: 'How far the saved position is behind the source, at the last run.' },
    duplicates: { ...count, description: 'Push connectors: events already taken.' },
    lastPushAt: { ...time, description: 'Push connectors: the last batch taken.' },
    runRequestedAt: { ...time, description: 'The last POST …/run.' },
    reportedAt: { ...time, description: 'When the connectors role last reported.' }
  },
  examples: [{
    id: 'tro-cap-xa-hoi',
    version: '1.0.0',
    state: 'failing',
    paused: false,
    read: 1200,
    published: 1187,
    rejected: 13,
    running: false,
    lastRunAt: '2026-03-01T08:05:00.000Z',
    lastSuccessAt: '2026-03-01T08:00:02.000Z',
    lastError: {
      code: 'LT_ERR_SOURCE_5XX',
      message: 'source answered 503',
      at: '2026-03-01T08:05:09.000Z',
      stream: 'beneficiaries'
    },
    lagMs: 300000,
    runRequestedAt: '2026-03-01T07:59:58.000Z',
    reportedAt: '2026-03-01T08:05:10.000Z'
  }]
} as const

export const runRequestedResponse = {
  type: 'object',
  description: 'Run requested: the connectors role starts it within a few seconds (GET …/status follows it).',
  required: ['id', 'runRequestedAt'],
  properties: { id: { type: 'string' }, runRequestedAt: time },
  examples: [{ id: 'tro-cap-xa-hoi', runRequestedAt: '2026-03-01T08:06:00.000Z' }]
} as const

const canonicalEntity = {
  type: 'object',
  required: ['entity', 'op', 'fields', 'warnings'],
  properties: {
    entity: { type: 'string', description: 'Canonical entity (person, household, …).' },
    entityId: { type: 'string', description: 'Absent when only a legacy key was found.' },
    legacyKey: {
      type: 'object',
      required: ['kind', 'value'],
      properties: { kind: { type: 'string' }, value: { type: 'string' } },
      description: 'The key the normalizer links to a canonical id later.'
    },
    legacyRefs: {
      type: 'array',
      description: 'People a field names by a legacy key; the field gets their personal id once linked.',
      items: {
        type: 'object',
        required: ['field', 'kind', 'value'],
        properties: {
          field: { type: 'string' },
          kind: { type: 'string' },
          value: { type: 'string' },
          list: { type: 'boolean' }
        }
      }
    },
    op: { type: 'string', enum: ['upsert', 'delete'] },
    fields: openObject('Canonical fields the mapping yields (empty for a delete).'),
    warnings: { type: 'array', items: issue }
  }
} as const

export const dryRunResponse = {
  type: 'object',
  description: 'Per record: the canonical entities it maps to and every error; nothing was published.',
  required: ['connector', 'version', 'ok', 'failed', 'results'],
  properties: {
    connector: { type: 'string' },
    version: { type: 'string' },
    ok: { ...count, description: 'Records without errors.' },
    failed: { ...count, description: 'Records with at least one error.' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'ok', 'canonical', 'errors'],
        properties: {
          index: { ...count, description: 'Position in `records`.' },
          ok: { type: 'boolean' },
          canonical: { type: 'array', items: canonicalEntity },
          errors: {
            type: 'array',
            items: issue,
            description: 'Raw-schema (LT_ERR_RAW_SCHEMA), mapping and canonical-schema errors.'
          }
        }
      }
    }
  },
  examples: [{
    connector: 'tro-cap-xa-hoi',
    version: '1.0.0',
    ok: 1,
    failed: 1,
    results: [
      {
        index: 0,
        ok: true,
        canonical: [{
          entity: 'person',
          entityId: '092085001234',
          op: 'upsert',
          fields: { personalId: '092085001234', fullName: 'Nguyễn Thị Lan', birthDate: '1985-03-12' },
          warnings: []
        }],
        errors: []
      },
      {
        index: 1,
        ok: false,
        canonical: [],
        errors: [{
          path: '/records/1/so_dinh_danh',
          code: 'LT_ERR_RAW_SCHEMA',
          message: 'must match pattern "^\\d{12}$"'
        }]
      }
    ]
  }]
} as const

export const pushOutcomeResponse = {
  type: 'object',
  description: 'Taken per event: accepted events are published, duplicates (event id seen before) published once, ' +
    'rejected ones not at all.',
  required: ['accepted', 'duplicates', 'rejected', 'results'],
  properties: {
    accepted: count,
    duplicates: count,
    rejected: count,
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'eventId', 'status'],
        properties: {
          index: { ...count, description: 'Position in `events`.' },
          eventId: { type: 'string' },
          status: { type: 'string', enum: ['accepted', 'duplicate', 'rejected'] },
          errors: {
            type: 'array',
            description: 'Rejected events: why.',
            items: {
              type: 'object',
              required: ['path', 'message'],
              properties: { path: { type: 'string' }, message: { type: 'string' } }
            }
          }
        }
      }
    }
  },
  examples: [{
    accepted: 1,
    duplicates: 1,
    rejected: 1,
    results: [
      { index: 0, eventId: 'evt-0001', status: 'accepted' },
      {
        index: 1,
        eventId: 'evt-0002',
        status: 'rejected',
        errors: [{ path: '/events/1/record/cap_nhat_luc', message: 'must match format "date-time"' }]
      },
      { index: 2, eventId: 'evt-0001', status: 'duplicate' }
    ]
  }]
} as const
