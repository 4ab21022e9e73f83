// Canonical ConstructionPermit (giấy phép xây dựng): one permit, keyed by its number and the
// issuing body, with the post-permit inspections (kiểm tra sau cấp phép) made on the site. Linked
// to the owners by personal id and to the land by parcel id and certificate serial.
import type { FromSchema } from 'json-schema-to-ts'
import { addressSchema, dateSchema, legacyCmndSchema, personalIdSchema } from './common.js'
import { landParcelIdSchema } from './land-parcel.js'
import { documentNumberSchema } from './official-document.js'

export const constructionPermitSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/construction-permit.json',
  title: 'ConstructionPermit',
  description: 'A construction permit: number and date, issuing body, owners, parcel and address, type of permit ' +
    'and of building, floors and floor area, and the inspections made after it was issued.',
  type: 'object',
  additionalProperties: false,
  required: [
    'permitId',
    'permitNumber',
    'permitDate',
    'issuingAuthority',
    'permitType',
    'owners',
    'address',
    'floors',
    'totalFloorAreaM2',
    'status'
  ],
  properties: {
    permitId: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$',
      description: 'Key in the source: issuing body code and permit number.'
    },
    permitNumber: {
      ...documentNumberSchema,
      description: 'Số giấy phép as printed, e.g. 245/GPXD (Decree 15/2021/NĐ-CP, Annex II).'
    },
    permitDate: { ...dateSchema, description: 'Date of issue.' },
    issuingAuthority: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Sở Xây dựng or the ward/commune People\'s Committee; NFC.'
    },
    permitType: {
      enum: ['new-construction', 'repair-renovation', 'relocation', 'fixed-term'],
      description: 'xây dựng mới, sửa chữa/cải tạo, di dời, có thời hạn (Law on Construction 2014 art. 89, amended ' +
        '2020).'
    },
    buildingType: {
      enum: ['detached-house', 'apartment-building', 'commercial', 'public', 'industrial', 'other'],
      description: 'nhà ở riêng lẻ, chung cư, thương mại - dịch vụ, công trình công cộng, công nghiệp, khác.'
    },
    owners: {
      type: 'array',
      minItems: 1,
      description: 'Chủ đầu tư: people by personal id, or an organisation by name.',
      items: {
        type: 'object',
        additionalProperties: false,
        // Strict ajv wants each required name declared beside it; {} adds no constraint.
        anyOf: [
          { required: ['personalId'], properties: { personalId: {} } },
          { required: ['legacyCmnd'], properties: { legacyCmnd: {} } },
          { required: ['organizationName'], properties: { organizationName: {} } }
        ],
        properties: {
          personalId: personalIdSchema,
          // Applications before CCCD name some owners by the 9-digit CMND only; their personal id is
          // in ownerPersonalIds once a source links the CMND.
          legacyCmnd: legacyCmndSchema,
          fullName: { type: 'string', minLength: 1, maxLength: 200 },
          organizationName: { type: 'string', minLength: 1, maxLength: 200 }
        }
      }
    },
    ownerPersonalIds: {
      type: 'array',
      uniqueItems: true,
      description: 'The owners\' personal ids, the permit\'s link to persons: an owner named by CMND only is added ' +
        'once a source links it.',
      items: personalIdSchema
    },
    parcelIds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Parcels built on.',
      items: landParcelIdSchema
    },
    certificateSerial: {
      type: 'string',
      pattern: '^[A-Z]{2} \\d{6,8}$',
      description: 'Land-use certificate presented with the application.'
    },
    address: addressSchema,
    floors: { type: 'integer', minimum: 1, maximum: 100, description: 'Số tầng above ground, mezzanine not counted.' },
    basements: { type: 'integer', minimum: 0, maximum: 10, description: 'Số tầng hầm.' },
    footprintM2: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'Diện tích xây dựng (ground floor footprint), m².'
    },
    totalFloorAreaM2: { type: 'number', exclusiveMinimum: 0, description: 'Tổng diện tích sàn, m².' },
    heightM: { type: 'number', exclusiveMinimum: 0, maximum: 500, description: 'Chiều cao công trình, m.' },
    validUntil: {
      ...dateSchema,
      description: 'For a fixed-term permit, the date the building must be removed by; otherwise the start deadline.'
    },
    status: {
      enum: ['issued', 'under-construction', 'completed', 'expired', 'revoked'],
      description: 'đã cấp, đang thi công, hoàn công, hết hiệu lực, thu hồi.'
    },
    inspections: {
      type: 'array',
      description: 'Post-permit inspections, oldest first.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['date', 'result'],
        properties: {
          date: { ...dateSchema, description: 'Date of the site inspection.' },
          inspector: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            description: 'Body that inspected (đội trật tự đô thị, ward).'
          },
          result: {
            enum: ['compliant', 'violation', 'work-suspended'],
            description: 'đúng giấy phép, vi phạm (lập biên bản), đình chỉ thi công.'
          },
          finding: {
            type: 'string',
            minLength: 1,
            maxLength: 500,
            description: 'What was found, e.g. an extra floor; NFC.'
          },
          decisionNumber: {
            ...documentNumberSchema,
            description: 'Sanction or suspension decision, when one followed.'
          }
        }
      }
    }
  },
  examples: [{
    permitId: 'UBND-31147-245-GPXD-2024',
    permitNumber: '245/GPXD',
    permitDate: '2024-05-14',
    issuingAuthority: 'UBND quận Ninh Kiều',
    permitType: 'new-construction',
    buildingType: 'detached-house',
    owners: [{ personalId: '092085001234', fullName: 'Nguyễn Văn An' }],
    ownerPersonalIds: ['092085001234'],
    parcelIds: ['31147-12-345'],
    certificateSerial: 'AA 05565655',
    address: { line: 'Hẻm 51, đường 3 Tháng 2, khu vực 5', wardCode: '31147' },
    floors: 3,
    basements: 0,
    footprintM2: 96.5,
    totalFloorAreaM2: 289.5,
    heightM: 12.6,
    status: 'under-construction',
    inspections: [
      { date: '2024-07-02', inspector: 'UBND phường Hưng Lợi', result: 'compliant' },
      {
        date: '2024-10-15',
        inspector: 'UBND phường Hưng Lợi',
        result: 'violation',
        finding: 'Xây thêm tum trên sân thượng ngoài giấy phép',
        decisionNumber: '318/QĐ-XPHC'
      }
    ]
  }]
} as const

export type ConstructionPermit = FromSchema<typeof constructionPermitSchema>
