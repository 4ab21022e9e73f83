// Canonical SocialBeneficiary: a person receiving a monthly allowance either as a person with
// merit to the revolution (người có công) or under social protection (bảo trợ xã hội), keyed by
// the case file. A death in civil status ends the allowance: hence personalId and status.
import type { FromSchema } from 'json-schema-to-ts'
import { addressSchema, dateSchema, fullNameSchema, personalIdSchema } from './common.js'
import { amountVndSchema, decisionSchema } from './official-document.js'

// Ordinance 02/2020/UBTVQH14 art. 3 (people with merit) and their relatives.
export const meritCategories = [
  'pre-1945-revolutionary', 'pre-uprising-revolutionary', 'martyr-relative', 'heroic-mother', 'armed-forces-hero',
  'labour-hero', 'war-invalid', 'sick-soldier', 'agent-orange', 'imprisoned-resistance', 'resistance-participant',
  'revolution-helper'
] as const
// Decree 20/2021/NĐ-CP art. 5 (monthly social assistance).
export const socialProtectionCategories = [
  'child-without-support', 'youth-16-22-without-support', 'child-hiv', 'poor-single-parent', 'elderly-poor',
  'elderly-80-plus', 'severe-disability', 'extreme-disability', 'other'
] as const

export const socialBeneficiarySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/social-beneficiary.json',
  title: 'SocialBeneficiary',
  description: 'A person with merit or a social-protection beneficiary: programme and category, the granting ' +
    'decision, the monthly allowance and whether it is still paid.',
  type: 'object',
  additionalProperties: false,
  required: [
    'caseId',
    'personalId',
    'fullName',
    'programme',
    'category',
    'decision',
    'monthlyAllowanceVnd',
    'allowanceFrom',
    'status'
  ],
  properties: {
    caseId: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$',
      description: 'Số hồ sơ in the department\'s system.'
    },
    personalId: personalIdSchema,
    fullName: fullNameSchema,
    birthDate: { ...dateSchema, description: 'Date of birth.' },
    programme: {
      enum: ['merit', 'social-protection'],
      description: 'merit: ưu đãi người có công (Ordinance 02/2020/UBTVQH14); social-protection: trợ giúp xã hội ' +
        '(Decree 20/2021/NĐ-CP).'
    },
    category: {
      type: 'string',
      description: 'Đối tượng: one of the lists for the programme (docs/sources/social-beneficiary.md).'
    },
    disabilityRatePercent: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description: 'Tỷ lệ tổn thương cơ thể, for war invalids and sick soldiers.'
    },
    decision: decisionSchema,
    monthlyAllowanceVnd: { ...amountVndSchema, description: 'Monthly allowance in đồng, as last decided.' },
    allowanceFrom: { ...dateSchema, description: 'First day the allowance is paid.' },
    allowanceTo: { ...dateSchema, description: 'Last day paid, once ended.' },
    status: { enum: ['active', 'suspended', 'ended'], description: 'đang hưởng, tạm dừng, thôi hưởng.' },
    endReason: {
      enum: ['death', 'moved-away', 'no-longer-eligible', 'other'],
      description: 'Why the allowance ended (chết, chuyển đi, không còn đủ điều kiện).'
    },
    address: { ...addressSchema, description: 'Where the allowance is paid (nơi cư trú).' }
  },
  allOf: [
    {
      if: { properties: { programme: { const: 'merit' } }, required: ['programme'] },
      then: { properties: { category: { enum: meritCategories } } },
      else: { properties: { category: { enum: socialProtectionCategories } } }
    },
    {
      if: { properties: { status: { const: 'ended' } }, required: ['status'] },
      then: { required: ['allowanceTo', 'endReason'], properties: { allowanceTo: {}, endReason: {} } }
    }
  ],
  examples: [{
    caseId: 'NCC-31135-000042',
    personalId: '092048000311',
    fullName: 'Lê Văn Hùng',
    birthDate: '1948-07-01',
    programme: 'merit',
    category: 'war-invalid',
    disabilityRatePercent: 41,
    decision: {
      number: '1523/QĐ-SLĐTBXH',
      date: '1998-04-10',
      issuer: 'Sở Lao động - Thương binh và Xã hội thành phố Cần Thơ'
    },
    monthlyAllowanceVnd: 3279000,
    allowanceFrom: '1998-05-01',
    status: 'active',
    address: { line: 'Ấp Nhơn Lộc 1', wardCode: '31299' }
  }, {
    caseId: 'BTXH-31186-000310',
    personalId: '092140000512',
    fullName: 'Trần Thị Bảy',
    birthDate: '1940-02-11',
    programme: 'social-protection',
    category: 'elderly-80-plus',
    decision: { number: '87/QĐ-UBND', date: '2020-03-02', issuer: 'UBND phường Cái Răng' },
    monthlyAllowanceVnd: 500000,
    allowanceFrom: '2020-03-01',
    allowanceTo: '2025-06-30',
    status: 'ended',
    endReason: 'death'
  }]
} as const

export type SocialBeneficiary = FromSchema<typeof socialBeneficiarySchema>
