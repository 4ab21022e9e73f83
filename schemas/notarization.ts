// Canonical Notarization (việc công chứng): one notarized contract or transaction of a notary
// office, keyed by office and notarization number. Links parties by personal id and the property
// by parcel id and land-use certificate serial, so a land transfer can show on the parcel.
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, fullNameSchema, legacyCmndSchema, personalIdSchema } from './common.js'
import { landParcelIdSchema } from './land-parcel.js'
import { amountVndSchema } from './official-document.js'

export const notarizationTypes = [
  'land-use-right-transfer', 'land-use-right-gift', 'land-use-right-lease', 'house-sale', 'mortgage',
  'authorization', 'will', 'inheritance-agreement', 'inheritance-waiver', 'other'
] as const

export const notarizationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/notarization.json',
  title: 'Notarization',
  description: 'A notarized contract or transaction: its notarization number and book, date, office and notary, ' +
    'type, parties and the property it concerns.',
  type: 'object',
  additionalProperties: false,
  required: [
    'notarizationId', 'notarizationNumber', 'notarizationDate', 'office', 'transactionType', 'parties', 'status'
  ],
  properties: {
    notarizationId: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$',
      description: 'Key in the source: <office code>-<year>-<notarization number> as built by the connector.'
    },
    notarizationNumber: {
      type: 'string',
      pattern: '^\\d{1,7}$',
      description: 'Số công chứng: running number within the book.'
    },
    bookNumber: {
      type: 'string',
      minLength: 1,
      maxLength: 40,
      description: 'Quyển số of the notarization book, as printed, e.g. 01/2025 TP/CC-SCC/HĐGD.'
    },
    notarizationDate: { ...dateSchema, description: 'Date the notary certified the document.' },
    office: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      description: 'Tổ chức hành nghề công chứng: a Phòng công chứng (public) or Văn phòng công chứng (private).',
      properties: {
        code: {
          type: 'string',
          pattern: '^[A-Za-z0-9-]{1,20}$',
          description: 'The office\'s code in the notary database.'
        },
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: 'e.g. Phòng Công chứng số 1 thành phố Cần Thơ; NFC.'
        }
      }
    },
    notaryName: { ...fullNameSchema, description: 'Công chứng viên who certified it.' },
    transactionType: {
      enum: notarizationTypes,
      description: 'chuyển nhượng / tặng cho / cho thuê quyền sử dụng đất, mua bán nhà ở, thế chấp, ủy quyền, di ' +
        'chúc, văn bản thỏa thuận phân chia di sản, văn bản từ chối nhận di sản, khác.'
    },
    parties: {
      type: 'array',
      minItems: 1,
      description: 'Người yêu cầu công chứng and the other parties; an organisation (a bank as mortgagee) has no ' +
        'personal id.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role'],
        // Strict ajv wants each required name declared beside it; {} adds no constraint to the full definition below.
        anyOf: [
          { required: ['personalId'], properties: { personalId: {} } },
          { required: ['organizationName'], properties: { organizationName: {} } },
          { required: ['legacyCmnd'], properties: { legacyCmnd: {} } }
        ],
        properties: {
          role: {
            enum: [
              'transferor',
              'transferee',
              'mortgagor',
              'mortgagee',
              'principal',
              'agent',
              'testator',
              'heir',
              'lessor',
              'lessee',
              'party'
            ],
            description: 'bên chuyển nhượng, bên nhận, bên thế chấp, bên nhận thế chấp, bên ủy quyền, bên được ủy ' +
              'quyền, người lập di chúc, người thừa kế, bên cho thuê, bên thuê, bên khác.'
          },
          personalId: personalIdSchema,
          legacyCmnd: { ...legacyCmndSchema, description: 'Old 9-digit CMND when the document names no 12-digit id.' },
          fullName: fullNameSchema,
          organizationName: { type: 'string', minLength: 1, maxLength: 200 },
          taxCode: {
            type: 'string',
            pattern: '^\\d{10}(-\\d{3})?$',
            description: 'Mã số thuế of an organisation: 10 digits, branches -NNN.'
          }
        }
      }
    },
    property: {
      type: 'object',
      additionalProperties: false,
      description: 'The property, when there is one (a will or an authorization may name none).',
      properties: {
        parcelIds: { type: 'array', minItems: 1, uniqueItems: true, items: landParcelIdSchema },
        certificateSerial: {
          type: 'string',
          pattern: '^[A-Z]{2} \\d{6,8}$',
          description: 'Serial of the land-use certificate (GCN) presented, as parseCertificateSerial writes it.'
        },
        description: {
          type: 'string',
          minLength: 1,
          maxLength: 500,
          description: 'Other property (vehicle, house) in words; NFC.'
        }
      }
    },
    valueVnd: { ...amountVndSchema, description: 'Price or value stated in the contract, in đồng.' },
    status: {
      enum: ['valid', 'amended', 'cancelled'],
      description: 'valid: có hiệu lực; amended: đã sửa đổi, bổ sung; cancelled: đã hủy bỏ (by a later notarized ' +
        'document).'
    }
  },
  examples: [{
    notarizationId: 'CC01-2025-001234',
    notarizationNumber: '1234',
    bookNumber: '01/2025 TP/CC-SCC/HĐGD',
    notarizationDate: '2025-03-18',
    office: { code: 'CC01', name: 'Phòng Công chứng số 1 thành phố Cần Thơ' },
    notaryName: 'Phạm Thị Hồng',
    transactionType: 'land-use-right-transfer',
    parties: [
      { role: 'transferor', personalId: '092085001234', fullName: 'Nguyễn Văn An' },
      { role: 'transferee', personalId: '092190008765', fullName: 'Lê Thị Thu' }
    ],
    property: { parcelIds: ['31147-12-345'], certificateSerial: 'AA 05565655' },
    valueVnd: 1850000000,
    status: 'valid'
  }, {
    notarizationId: 'VPCC-TA-2024-000087',
    notarizationNumber: '87',
    notarizationDate: '2024-11-02',
    office: { name: 'Văn phòng Công chứng Tây Đô' },
    transactionType: 'mortgage',
    parties: [
      { role: 'mortgagor', personalId: '092187004321', fullName: 'Trần Thị Mai' },
      { role: 'mortgagee', organizationName: 'Ngân hàng TMCP Ví Dụ, chi nhánh Cần Thơ', taxCode: '0100000000-017' }
    ],
    property: { parcelIds: ['31299-4-77'] },
    status: 'valid'
  }]
} as const

export type Notarization = FromSchema<typeof notarizationSchema>
