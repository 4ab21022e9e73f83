// Canonical DriverLicence (giấy phép lái xe): one licence, keyed by its 12-digit number, with the
// classes it carries, each with its own validity. Classes are those of the Law on Road Traffic
// Order and Safety 2024 (36/2024/QH15) art. 57; pre-2025 cards keep their printed class alongside.
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, fullNameSchema, personalIdSchema } from './common.js'

export const LICENCE_CLASSES = [
  'A1', 'A', 'B1', 'B', 'C1', 'C', 'D1', 'D2', 'D', 'BE', 'C1E', 'CE', 'D1E', 'D2E', 'DE'
] as const
// Classes of the 2008 Road Traffic Law (Circular 12/2017/TT-BGTVT), still printed on cards issued before 2025.
export const LEGACY_LICENCE_CLASSES = [
  'A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'C', 'D', 'E', 'FB2', 'FC', 'FD', 'FE'
] as const

export const driverLicenceSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/driver-licence.json',
  title: 'DriverLicence',
  description: 'A driving licence: number, holder, the classes it carries with issue and expiry dates, ' +
    'the points left on it and its status.',
  type: 'object',
  additionalProperties: false,
  required: [
    'licenceNumber', 'holderPersonalId', 'fullName', 'birthDate', 'classes', 'issuingAuthority', 'points', 'status'
  ],
  properties: {
    licenceNumber: { type: 'string', pattern: '^\\d{12}$', description: 'Số giấy phép lái xe: 12 digits.' },
    holderPersonalId: personalIdSchema,
    fullName: fullNameSchema,
    birthDate: { ...dateSchema, description: 'Date of birth.' },
    classes: {
      type: 'array',
      minItems: 1,
      description: 'Hạng: one entry per class on the licence.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['class', 'issueDate'],
        properties: {
          class: { enum: LICENCE_CLASSES, description: 'Class under Law 36/2024/QH15 art. 57.' },
          printedClass: {
            enum: LEGACY_LICENCE_CLASSES,
            description: 'Class as printed on a card issued before 1 January 2025, when it differs.'
          },
          issueDate: { ...dateSchema, description: 'Date the class was granted (trúng tuyển / cấp).' },
          expiryDate: { ...dateSchema, description: 'Có giá trị đến; absent for A1, A and B1, which do not expire.' }
        }
      }
    },
    issuingAuthority: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'e.g. Công an thành phố Cần Thơ (Sở Giao thông vận tải before 1 March 2025); NFC.'
    },
    issueDate: {
      ...dateSchema,
      description: 'Date this card was printed (a renewal prints a new card with the same number).'
    },
    points: {
      type: 'integer',
      minimum: 0,
      maximum: 12,
      description: 'Điểm giấy phép lái xe: 12 at issue, deducted per violation (Law 36/2024/QH15 art. 58).'
    },
    status: {
      enum: ['valid', 'suspended', 'revoked', 'expired'],
      description: 'còn hiệu lực; suspended: no points left or held (tạm giữ) ; revoked: thu hồi; expired: every ' +
        'expiring class past its date.'
    }
  },
  examples: [{
    licenceNumber: '920123456789',
    holderPersonalId: '092085001234',
    fullName: 'Nguyễn Văn An',
    birthDate: '1985-03-14',
    classes: [
      { class: 'A', printedClass: 'A2', issueDate: '2004-06-10' },
      { class: 'B', printedClass: 'B2', issueDate: '2016-09-22', expiryDate: '2026-09-22' }
    ],
    issuingAuthority: 'Sở Giao thông vận tải thành phố Cần Thơ',
    issueDate: '2016-09-22',
    points: 10,
    status: 'valid'
  }, {
    licenceNumber: '920250001122',
    holderPersonalId: '092207001010',
    fullName: 'Trần Gia Huy',
    birthDate: '2007-01-15',
    classes: [{ class: 'A1', issueDate: '2025-04-03' }],
    issuingAuthority: 'Công an thành phố Cần Thơ',
    issueDate: '2025-04-03',
    points: 12,
    status: 'valid'
  }]
} as const

export type DriverLicence = FromSchema<typeof driverLicenceSchema>
