// A connector's mapping, written as data: for each stream, which canonical entities a raw record
// yields, where each entity's id comes from, and each canonical field's source path and transforms.
// Registered connectors send this as JSON; built-in connectors use the same format.
import type { FromSchema } from 'json-schema-to-ts'
import { canonicalEntities } from '../../schemas/canonical-event.js'
import { transformNames } from './transforms.js'

const path = {
  type: 'string',
  pattern: '^[A-Za-z_$][A-Za-z0-9_$]*(\\[\\])?(\\.[A-Za-z_$][A-Za-z0-9_$]*(\\[\\])?)*$',
  description: 'Dotted path in the raw record; `a[].b` maps every element of array a.'
} as const
const transformList = {
  type: 'array',
  items: { enum: transformNames },
  maxItems: 5,
  description: 'Applied left to right.'
} as const
const canonicalField = {
  type: 'string',
  pattern: '^[a-z][A-Za-z0-9]*((\\[\\])?\\.[a-z][A-Za-z0-9]*)?$',
  description: 'Canonical field, optionally one level deep (address.wardCode), or a field of each element of a list ' +
    '(classes[].class, read from a `from` of the form list[].field: element i of the list fills element i).'
} as const
const joinFrom = {
  ...path,
  description: 'A second path whose value is appended after a hyphen, before the transforms (an enrolment keyed by ' +
    'student code and school year: MaHocSinh-NamHoc).'
} as const
const scalar = { type: ['string', 'number', 'boolean'] } as const
/** Where a legacy key (a 9-digit CMND) is read: for a record's own id, or for the people a field names. */
const legacyKeySource = <D extends string>(description: D) => ({
  type: 'object', additionalProperties: false, required: ['from', 'kind'], description,
  properties: { from: path, transform: transformList, kind: { enum: ['cmnd'] } }
}) as const

export const connectorMappingSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/connector-mapping.json',
  title: 'ConnectorMapping',
  type: 'object',
  additionalProperties: false,
  required: ['streams'],
  properties: {
    streams: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['stream', 'entities'],
        properties: {
          stream: { type: 'string', pattern: '^[a-z0-9-]+$' },
          deleteWhen: {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'equals'],
            properties: { from: path, equals: scalar }
          },
          entities: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['entity', 'id', 'fields'],
              properties: {
                entity: { enum: canonicalEntities },
                each: {
                  ...path,
                  description: 'Map one entity per element of the list at this path (the holders of a parcel, say); ' +
                    '`id`, `when` and every field `from` are then read from the element. A delete of the record ' +
                    'deletes none of them: the element entities are named by it, not owned by it.'
                },
                id: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['from'],
                  properties: {
                    from: path,
                    joinFrom,
                    transform: transformList,
                    fallback: legacyKeySource(
                      'A legacy key used when the record has no canonical id; the normalizer links it.'
                    )
                  }
                },
                when: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['from'],
                  description: 'Only when the path is present (and equals, if given).',
                  properties: { from: path, equals: scalar }
                },
                fields: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['to'],
                    description: 'Exactly one of from and const (checked by validateMapping).',
                    properties: {
                      from: path,
                      joinFrom,
                      const: scalar,
                      to: canonicalField,
                      transform: transformList,
                      required: { type: 'boolean', description: 'Missing value is an error (default false).' },
                      legacy: legacyKeySource(
                        'People the record names by a legacy key only (a 9-digit CMND), for a field that holds ' +
                        'personal ids: the normalizer puts each one\'s personal id in the field once a source links ' +
                        'the key, and holds the record in the unresolved set until then. For a list field every ' +
                        'legacy key is added; for a single one it is used when the field itself is empty.'
                      )
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
} as const

export type ConnectorMapping = FromSchema<typeof connectorMappingSchema>
export type StreamMapping = ConnectorMapping['streams'][number]
export type EntityRule = StreamMapping['entities'][number]
export type FieldRule = EntityRule['fields'][number]
