// The body of one golden record as read APIs send it, and its declared schema: `data` holds the
// projected fields (typed by the entity's canonical schema, so serialization drops anything else),
// `meta` the version, freshness and, with include=provenance, provenance and conflict flags, each
// limited to what the released fields justify (record-meta.ts).
import type { RecordView } from '../../records/golden-record.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import { personSchema } from '../../schemas/person.js'
import { householdSchema } from '../../schemas/household.js'
import { landParcelSchema } from '../../schemas/land-parcel.js'
import { landUseCertificateSchema } from '../../schemas/land-use-certificate.js'
import { healthInsuranceCardSchema } from '../../schemas/health-insurance-card.js'
import { driverLicenceSchema } from '../../schemas/driver-licence.js'
import { unemploymentBenefitSchema } from '../../schemas/unemployment-benefit.js'
import { studentEnrolmentSchema } from '../../schemas/student-enrolment.js'
import { notarizationSchema } from '../../schemas/notarization.js'
import { constructionPermitSchema } from '../../schemas/construction-permit.js'
import { civilServantSchema } from '../../schemas/civil-servant.js'
import { socialBeneficiarySchema } from '../../schemas/social-beneficiary.js'
import { urbanInfrastructureSchema } from '../../schemas/urban-infrastructure.js'
import { businessHouseholdSchema } from '../../schemas/business-household.js'
import { viewSchema } from '../security/projection.js'
import type { OpaqueRefs } from '../security/opaque-refs.js'
import type { IncludeOptions } from './include.js'
import { recordMeta } from './record-meta.js'

export interface RecordBody { data: Record<string, unknown>, meta: Record<string, unknown> }

export interface BodyOptions {
  asOf?: string, data: Record<string, unknown>, returned: readonly string[], include: IncludeOptions, refs: OpaqueRefs
}

/** The projected data and its minimised meta; provenance and conflicts only when included. */
export function recordBody (
  view: RecordView, now: Date, { asOf, data, returned, include, refs }: BodyOptions
): RecordBody {
  return { data, meta: recordMeta(view, now, { asOf, data, returned, provenance: include.provenance, refs }) }
}

const canonicalSchemas: Record<CanonicalEntity, object> = {
  person: personSchema,
  household: householdSchema,
  'land-parcel': landParcelSchema,
  'land-use-certificate': landUseCertificateSchema,
  'health-insurance-card': healthInsuranceCardSchema,
  'business-household': businessHouseholdSchema,
  'driver-licence': driverLicenceSchema,
  'unemployment-benefit': unemploymentBenefitSchema,
  'student-enrolment': studentEnrolmentSchema,
  notarization: notarizationSchema,
  'construction-permit': constructionPermitSchema,
  'civil-servant': civilServantSchema,
  'social-beneficiary': socialBeneficiarySchema,
  'urban-infrastructure': urbanInfrastructureSchema
}

/** The entity's canonical schema with nothing required (a projection may leave any field out), inline. */
export function dataSchemaOf (entity: CanonicalEntity, description: string): Record<string, unknown> {
  if (entity === 'person') return { $ref: 'PersonView#', description }
  const { $id: _id, title: _title, ...schema } = viewSchema(canonicalSchemas[entity], 'view')
  return { ...schema, description }
}

const time = { type: 'string', format: 'date-time' } as const

const freshnessSchema = {
  type: 'object',
  properties: {
    holds: { type: 'boolean', description: 'false once the source deleted the record.' },
    sourceTime: { ...time, description: 'The source\'s newest change to this record.' },
    ingestTime: { ...time, description: 'When the hub ingested it.' },
    lagSeconds: { type: 'integer', description: 'ingestTime minus sourceTime.' },
    ageSeconds: { type: 'integer', description: 'Now minus sourceTime, at the time of the answer.' },
    connector: { type: 'string' },
    connectorVersion: { type: 'string' },
    lastEventId: {
      type: 'string',
      pattern: '^ev_[A-Za-z0-9_-]+$',
      description: 'Opaque ref of the newest event of this source (`ev_...`), never the source\'s own key.'
    },
    deletedAt: time
  }
} as const

const provenanceSchema = {
  type: 'object',
  properties: {
    sourceSystem: { type: 'string' },
    sourceTime: time,
    ingestTime: time,
    connector: { type: 'string' },
    connectorVersion: { type: 'string' },
    eventId: {
      type: 'string',
      pattern: '^ev_[A-Za-z0-9_-]+$',
      description: 'Opaque ref of the event the value came from (`ev_...`).'
    },
    rule: {
      enum: ['authoritative', 'newest', 'diacritics', 'derived', 'steward'],
      description: 'authoritative: the field\'s configured source won; newest: no authority held a value; ' +
        'diacritics: no authority, and a newer spelling without diacritics gave way to the same name written ' +
        'with them; derived: the authoritative register holds the record and no value, which means this one ' +
        '(civil status with no marriage: single); ' +
        'steward: a data steward resolved the conflict on this field (POST /v1/conflicts/{id}/resolution).'
    }
  }
} as const

const conflictFlagSchema = {
  type: 'object',
  properties: {
    sourceSystems: { type: 'array', items: { type: 'string' } },
    since: { ...time, description: 'Source time since which they disagree.' }
  }
} as const

export const recordMetaSchema = {
  type: 'object',
  required: ['entity', 'id', 'version', 'validFrom', 'sources'],
  properties: {
    entity: { type: 'string' },
    id: {
      type: 'string',
      description: 'The record id when the returned data carries it (its id field is granted and selected), ' +
        'else an opaque ref `rec_...`.'
    },
    version: { type: 'integer', description: 'Increases with every change the hub applied to this record.' },
    validFrom: { ...time, description: 'When the hub learned this version.' },
    asOf: { ...time, description: 'The time asked for, when the answer comes from history.' },
    source: {
      type: 'object',
      description: 'The source with the newest change (kept for older clients; see `sources`).',
      properties: {
        sourceSystem: { type: 'string' }, sourceTime: time, ingestTime: time, connectorVersion: { type: 'string' }
      }
    },
    sources: {
      type: 'object',
      additionalProperties: freshnessSchema,
      description: 'Freshness per source system holding a value of a returned field ' +
        '(the winner, or one disagreeing with it).'
    },
    warnings: {
      type: 'array',
      description: 'Contradictions among the returned fields, e.g. LT_WARN_ID_BIRTH_YEAR_MISMATCH when the personal ' +
        'id\'s year digits are not the birth date\'s (shown only when every field named is returned).',
      items: {
        type: 'object',
        required: ['code', 'fields', 'message'],
        properties: {
          code: { type: 'string' },
          fields: { type: 'array', items: { type: 'string' } },
          message: { type: 'string' }
        }
      }
    },
    conflicts: {
      type: 'object',
      additionalProperties: conflictFlagSchema,
      description: 'With include=provenance: returned fields on which sources disagree. Details in GET /v1/conflicts.'
    },
    provenance: {
      type: 'object',
      additionalProperties: provenanceSchema,
      description: 'With include=provenance: per returned field, where its value came from.'
    }
  }
} as const

const exampleMeta = {
  entity: 'person',
  id: '092085001234',
  version: 3,
  validFrom: '2026-01-01T00:02:05.000Z',
  source: {
    sourceSystem: 'ho-tich',
    sourceTime: '2026-01-01T00:01:00.000Z',
    ingestTime: '2026-01-01T00:01:05.000Z',
    connectorVersion: '1.0.0'
  },
  sources: {
    'ho-tich': {
      holds: true,
      sourceTime: '2026-01-01T00:01:00.000Z',
      ingestTime: '2026-01-01T00:01:05.000Z',
      lagSeconds: 5,
      ageSeconds: 86400,
      connector: 'civil-status',
      connectorVersion: '1.0.0',
      lastEventId: 'ev_x3Jq9VbTzK0mP2nLw4rYsA'
    }
  },
  provenance: {
    fullName: {
      sourceSystem: 'ho-tich',
      sourceTime: '2026-01-01T00:01:00.000Z',
      ingestTime: '2026-01-01T00:01:05.000Z',
      connector: 'civil-status',
      connectorVersion: '1.0.0',
      eventId: 'ev_x3Jq9VbTzK0mP2nLw4rYsA',
      rule: 'authoritative'
    }
  },
  conflicts: {}
}

/** A response of one record whose data is typed by the entity. */
export function recordSchema (
  entity: CanonicalEntity, description: string, example?: Record<string, unknown>
): Record<string, unknown> {
  return {
    type: 'object',
    required: ['data', 'meta'],
    properties: { data: dataSchemaOf(entity, description), meta: recordMetaSchema },
    ...(example !== undefined ? { examples: [{ data: example, meta: { ...exampleMeta, entity } }] } : {})
  }
}

export const personExample = {
  personalId: '092085001234',
  fullName: 'Nguyễn Văn An',
  birthDate: '1985-03-15',
  permanentAddress: { line: '12 Hòa Bình', wardCode: '31135' }
}
