// Canonical LandParcel: one cadastral parcel (thửa đất), keyed by `oldWardCode-sheet-parcel` as
// built by landParcelId in schemas/vietnam: sheet numbers restart in every old commune.
import type { FromSchema } from 'json-schema-to-ts'
import { addressSchema, oldWardCodeSchema, personalIdSchema } from './common.js'
import { LAND_PURPOSES } from './vietnam/land-purpose.js'

// Computed once at import: a pure copy of the code table, no I/O.
const landPurposeCodes: string[] = LAND_PURPOSES.map(p => p.code)

export const landParcelIdSchema = {
  type: 'string',
  pattern: '^\\d{5}-[1-9]\\d*-[1-9]\\d*$',
  description: 'Parcel id <old 5-digit ward code>-<map sheet>-<parcel number>, numbers without leading zeros. A ' +
    'lookup key: real data holds duplicate parcel numbers within a sheet.'
} as const

export const landParcelSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/land-parcel.json',
  title: 'LandParcel',
  description: 'A land parcel of the cadastral map: where it is, its size, what the land may be used for and who ' +
    'holds it.',
  type: 'object',
  additionalProperties: false,
  required: ['parcelId', 'oldWardCode', 'mapSheet', 'parcelNumber', 'areaM2', 'landUsePurposes', 'address'],
  properties: {
    parcelId: landParcelIdSchema,
    oldWardCode: {
      ...oldWardCodeSchema,
      description: 'Ward/commune code the cadastral map was drawn under (first part of parcelId).'
    },
    mapSheet: { type: 'integer', minimum: 1, description: 'Số tờ bản đồ.' },
    parcelNumber: { type: 'integer', minimum: 1, description: 'Số thửa.' },
    areaM2: { type: 'number', exclusiveMinimum: 0, description: 'Area in square metres.' },
    landUsePurposes: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Land-use purpose codes (Circular 08/2024), e.g. ONT+CLN on a mixed-use parcel.',
      items: { type: 'string', enum: landPurposeCodes }
    },
    address: addressSchema,
    holderPersonalIds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Personal ids of the land users (người sử dụng đất); absent for land no individual holds.',
      items: personalIdSchema
    }
  },
  examples: [{
    parcelId: '31147-12-345',
    oldWardCode: '31147',
    mapSheet: 12,
    parcelNumber: 345,
    areaM2: 120.5,
    landUsePurposes: ['ODT', 'CLN'],
    address: { line: 'Hẻm 51, đường 3 Tháng 2, khu vực 5', wardCode: '31147' },
    holderPersonalIds: ['092085001234', '092187004321']
  }]
} as const

export type LandParcel = FromSchema<typeof landParcelSchema>
