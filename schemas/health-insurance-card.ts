// Canonical HealthInsuranceCard (thẻ BHYT). Cards are linked by the 10-digit social-insurance
// number (the last 10 characters of an old 15-character card) and by the holder's personal id.
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, personalIdSchema } from './common.js'

export const healthInsuranceCardSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/health-insurance-card.json',
  title: 'HealthInsuranceCard',
  description: 'A health insurance card: its number, holder, benefit level, validity and registered initial health ' +
    'facility.',
  type: 'object',
  additionalProperties: false,
  required: [
    'cardNumber',
    'socialInsuranceNumber',
    'holderPersonalId',
    'benefitLevel',
    'validFrom',
    'validTo',
    'initialFacilityCode'
  ],
  properties: {
    cardNumber: {
      type: 'string',
      pattern: '^([A-Z]{2}[1-5]\\d{12}|\\d{10})$',
      description: 'As printed, upper case without spaces: 15 characters XX Y ZZ NNNNNNNNNN (group, benefit level ' +
        '1-5, province, social-insurance number) on older cards, the 10-digit social-insurance number on cards since ' +
        'April 2021.'
    },
    socialInsuranceNumber: {
      type: 'string',
      pattern: '^\\d{10}$',
      description: 'Mã số BHXH: the stable key across a person\'s cards.'
    },
    beneficiaryGroup: {
      type: 'string',
      pattern: '^[A-Z]{2}$',
      description: 'Beneficiary group (DN, HX, HS, TE, HT, …). The official list is longer than the reference\'s, so ' +
        'the shape is checked, not the list.'
    },
    holderPersonalId: personalIdSchema,
    benefitLevel: { type: 'integer', minimum: 1, maximum: 5, description: 'Mức hưởng 1-5.' },
    validFrom: { ...dateSchema, description: 'First day of validity.' },
    validTo: { ...dateSchema, description: 'Last day of validity.' },
    initialFacilityCode: {
      type: 'string',
      pattern: '^\\d{2}[0-9A-Z]{3}$',
      description: 'Registered initial health facility (nơi đăng ký KCB ban đầu): 5 characters, starting with the ' +
        '2-digit province code.'
    },
    fiveYearsContinuousFrom: {
      ...dateSchema,
      description: 'Date five continuous years of coverage were reached (thời điểm đủ 5 năm liên tục).'
    }
  },
  examples: [{
    cardNumber: 'HS4929220878811',
    socialInsuranceNumber: '9220878811',
    beneficiaryGroup: 'HS',
    holderPersonalId: '092212000777',
    benefitLevel: 4,
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    initialFacilityCode: '92001'
  }, {
    cardNumber: '9212345678',
    socialInsuranceNumber: '9212345678',
    holderPersonalId: '092085001234',
    benefitLevel: 4,
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    initialFacilityCode: '92011',
    fiveYearsContinuousFrom: '2019-01-01'
  }]
} as const

export type HealthInsuranceCard = FromSchema<typeof healthInsuranceCardSchema>
