// Canonical UnemploymentBenefit (trợ cấp thất nghiệp): one decision granting unemployment benefit,
// keyed by the decision number. Linked by personal id and the social-insurance number; a death
// registered in civil status ends it (endReason 'death').
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, fullNameSchema, personalIdSchema } from './common.js'
import { amountVndSchema, decisionSchema } from './official-document.js'

export const unemploymentBenefitSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/unemployment-benefit.json',
  title: 'UnemploymentBenefit',
  description: 'An unemployment benefit: the decision, the period and number of months, the monthly amount, ' +
    'the job centre that handles it and whether it is still paid.',
  type: 'object',
  additionalProperties: false,
  required: [
    'benefitId',
    'personalId',
    'fullName',
    'decision',
    'periodFrom',
    'periodTo',
    'months',
    'monthlyAmountVnd',
    'jobCentre',
    'status'
  ],
  properties: {
    benefitId: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$',
      description: 'Key in the job centre\'s system (the decision number, / as - and Đ as D).'
    },
    personalId: personalIdSchema,
    socialInsuranceNumber: {
      type: 'string',
      pattern: '^\\d{10}$',
      description: 'Mã số BHXH: links the benefit to contributions and BHYT cards.'
    },
    fullName: fullNameSchema,
    decision: {
      ...decisionSchema,
      description: 'Quyết định hưởng trợ cấp thất nghiệp (signed by the provincial labour department).'
    },
    periodFrom: { ...dateSchema, description: 'First day of benefit.' },
    periodTo: { ...dateSchema, description: 'Last day of benefit as decided.' },
    months: {
      type: 'integer',
      minimum: 1,
      maximum: 12,
      description: 'Số tháng hưởng: 3 for 12-36 months of contributions, one more per further 12, at most 12.'
    },
    monthlyAmountVnd: {
      ...amountVndSchema,
      description: 'Mức hưởng hằng tháng: 60 % of the average insured wage of the last 6 months, capped.'
    },
    jobCentre: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        code: { type: 'string', pattern: '^[A-Za-z0-9-]{1,20}$' },
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: 'e.g. Trung tâm Dịch vụ việc làm thành phố Cần Thơ; NFC.'
        }
      }
    },
    status: { enum: ['active', 'suspended', 'ended'], description: 'đang hưởng, tạm dừng hưởng, chấm dứt hưởng.' },
    endedOn: { ...dateSchema, description: 'Day the benefit ended early (chấm dứt hưởng), when it did.' },
    endReason: {
      enum: ['period-ended', 'found-work', 'military-service', 'pension', 'death', 'moved-away', 'other'],
      description: 'hết thời hạn, có việc làm, nghĩa vụ quân sự, hưởng lương hưu, chết, chuyển nơi hưởng, khác.'
    }
  },
  allOf: [{
    if: { properties: { status: { const: 'ended' } }, required: ['status'] },
    then: { required: ['endReason'], properties: { endReason: {} } }
  }],
  examples: [{
    benefitId: '2451-QD-SNV',
    personalId: '092190008765',
    socialInsuranceNumber: '9212345678',
    fullName: 'Lê Thị Thu',
    decision: { number: '2451/QĐ-SNV', date: '2025-08-12', issuer: 'Sở Nội vụ thành phố Cần Thơ' },
    periodFrom: '2025-08-20',
    periodTo: '2025-12-19',
    months: 4,
    monthlyAmountVnd: 4230000,
    jobCentre: { code: 'TTDVVL-CT', name: 'Trung tâm Dịch vụ việc làm thành phố Cần Thơ' },
    status: 'active'
  }]
} as const

export type UnemploymentBenefit = FromSchema<typeof unemploymentBenefitSchema>
