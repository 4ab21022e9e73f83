// Canonical BusinessHousehold (hộ kinh doanh): a household business registered with the ward,
// keyed by its registration number.
import type { FromSchema } from 'json-schema-to-ts'
import { addressSchema, dateSchema, personalIdSchema } from './common.js'

export const businessHouseholdSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/business-household.json',
  title: 'BusinessHousehold',
  description: 'A registered household business: its owner, what it does, where, with what capital, and whether it ' +
    'still trades.',
  type: 'object',
  additionalProperties: false,
  required: ['registrationNumber', 'name', 'ownerPersonalId', 'businessLines', 'address', 'registrationDate', 'status'],
  properties: {
    registrationNumber: {
      type: 'string',
      pattern: '^[0-9A-Z][0-9A-Z.-]{5,19}$',
      description: 'Number of the business household registration certificate, upper case, no spaces.'
    },
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'Tên hộ kinh doanh, NFC.' },
    ownerPersonalId: {
      ...personalIdSchema,
      description: 'Personal id of the household member who registered and represents the business.'
    },
    businessLines: {
      type: 'array',
      minItems: 1,
      description: 'Ngành, nghề kinh doanh.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['description'],
        properties: {
          code: {
            type: 'string',
            pattern: '^\\d{4,5}$',
            description: 'VSIC 2018 industry code (level 4 or 5), when the source gives one.'
          },
          description: { type: 'string', minLength: 1, maxLength: 300 }
        }
      }
    },
    address: addressSchema,
    capitalVnd: { type: 'integer', minimum: 0, description: 'Registered capital in đồng.' },
    registrationDate: { ...dateSchema, description: 'Date of first registration.' },
    status: {
      enum: ['active', 'suspended', 'ceased'],
      description: 'active: đang hoạt động; suspended: tạm ngừng kinh doanh; ceased: chấm dứt hoạt động.'
    }
  },
  examples: [{
    registrationNumber: '57A8004567',
    name: 'Hộ kinh doanh Tạp hóa Mai An',
    ownerPersonalId: '092187004321',
    businessLines: [{ code: '4711', description: 'Bán lẻ lương thực, thực phẩm trong cửa hàng tạp hóa' }],
    address: { line: '12 đường Hòa Bình, khu vực 3', wardCode: '31135' },
    capitalVnd: 50000000,
    registrationDate: '2019-11-05',
    status: 'active'
  }]
} as const

export type BusinessHousehold = FromSchema<typeof businessHouseholdSchema>
