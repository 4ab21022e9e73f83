// Canonical LandUseCertificate (giấy chứng nhận quyền sử dụng đất, GCN), keyed by its serial.
import type { FromSchema } from 'json-schema-to-ts'
import { authoritySchema, dateSchema, personalIdSchema } from './common.js'
import { landParcelIdSchema } from './land-parcel.js'

export const landUseCertificateSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/land-use-certificate.json',
  title: 'LandUseCertificate',
  description: 'A land-use certificate: its printed serial and register entry, who issued it when, to whom, for ' +
    'which parcels.',
  type: 'object',
  additionalProperties: false,
  required: ['serial', 'registerEntry', 'issuingBody', 'issueDate', 'holderPersonalIds', 'parcelIds'],
  properties: {
    serial: {
      type: 'string',
      pattern: '^[A-Z]{2} \\d{6,8}$',
      description: 'Printed serial: 2 letters, one space, 6-8 digits with their leading zeros, as ' +
        'parseCertificateSerial writes it.'
    },
    registerEntry: {
      type: 'string',
      // Only the NNNNN/QSDĐ form is in the reference; later books use other prefixes, so the
      // shape is checked loosely (upper case, a digit somewhere) rather than rejecting real entries.
      pattern: '^(?=.*\\d)[0-9A-ZĐ][0-9A-ZĐ /.-]{2,29}$',
      description: 'Số vào sổ cấp GCN, e.g. 01439/QSDĐ.'
    },
    issuingBody: authoritySchema,
    issueDate: { ...dateSchema, description: 'Date of issue.' },
    holderPersonalIds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Personal ids of the holders named on the certificate.',
      items: personalIdSchema
    },
    parcelIds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Parcels the certificate covers.',
      items: landParcelIdSchema
    }
  },
  examples: [{
    serial: 'AA 05565655',
    registerEntry: '01439/QSDĐ',
    issuingBody: { name: 'UBND quận Ninh Kiều' },
    issueDate: '2012-08-21',
    holderPersonalIds: ['092085001234', '092187004321'],
    parcelIds: ['31147-12-345']
  }]
} as const

export type LandUseCertificate = FromSchema<typeof landUseCertificateSchema>
