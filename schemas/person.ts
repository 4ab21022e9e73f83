// Canonical Person: what the hub holds about one citizen, keyed by the 12-digit personal id.
// Fields follow the national population database (Law on Identification 2023 art. 9).
import type { FromSchema } from 'json-schema-to-ts'
import {
  dateSchema, ethnicityCodeSchema, fullNameSchema, legacyCmndSchema, nationalitySchema, personalIdSchema,
  religionCodeSchema, sexSchema, addressSchema
} from './common.js'
import { relationToHeadSchema } from './household-relation.js'

export const personSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/person.json',
  title: 'Person',
  description: 'One citizen as the hub holds them: identity, birth, origin, contact and status.',
  type: 'object',
  additionalProperties: false,
  required: ['personalId', 'fullName', 'familyName', 'middleName', 'givenName', 'birthDate', 'sex'],
  properties: {
    personalId: { ...personalIdSchema, examples: ['092085001234'] },
    legacyCmnd: legacyCmndSchema,
    fullName: { ...fullNameSchema, examples: ['Nguyễn Văn An'] },
    familyName: { type: 'string', minLength: 1, description: 'Họ.' },
    middleName: { type: 'string', description: 'Tên đệm; empty when there is none.' },
    givenName: { type: 'string', minLength: 1, description: 'Tên.' },
    otherName: { type: 'string', minLength: 1, maxLength: 200, description: 'Tên gọi khác (alias), NFC.' },
    birthDate: { ...dateSchema, description: 'Date of birth.' },
    sex: sexSchema,
    placeOfBirth: { type: 'string', description: 'Nơi sinh as registered, NFC.' },
    hometown: { type: 'string', minLength: 1, maxLength: 300, description: 'Quê quán (ancestral hometown), NFC.' },
    ethnicityCode: ethnicityCodeSchema,
    religionCode: religionCodeSchema,
    nationality: nationalitySchema,
    maritalStatus: {
      enum: ['single', 'married', 'divorced', 'widowed'],
      description: 'Tình trạng hôn nhân: chưa kết hôn, có vợ/chồng, ly hôn, góa. Absent when unknown.'
    },
    occupation: { type: 'string', minLength: 1, maxLength: 200, description: 'Nghề nghiệp as declared, free text.' },
    phone: {
      type: 'string',
      pattern: '^0\\d{9,10}$',
      description: 'Domestic form, digits only: 10-digit mobile or 11-digit landline (+84 is rewritten to 0).'
    },
    email: { type: 'string', format: 'email', maxLength: 254 },
    dateOfDeath: { ...dateSchema, description: 'Date of death; the record stays, closed.' },
    permanentAddress: { ...addressSchema, description: 'Nơi thường trú, from the residence database (cư trú).' },
    temporaryAddress: { ...addressSchema, description: 'Nơi tạm trú, when the citizen declared one.' },
    householdId: {
      type: 'string',
      minLength: 1,
      maxLength: 40,
      description: 'Household (hộ) the citizen belongs to in the residence database.'
    },
    relationToHead: relationToHeadSchema
  },
  examples: [{
    personalId: '092085001234',
    legacyCmnd: '361234567',
    fullName: 'Nguyễn Văn An',
    familyName: 'Nguyễn',
    middleName: 'Văn',
    givenName: 'An',
    birthDate: '1985-03-14',
    sex: 'male',
    placeOfBirth: 'Cần Thơ',
    hometown: 'Xã Phong Điền, thành phố Cần Thơ',
    ethnicityCode: '01',
    religionCode: '00',
    nationality: 'VN',
    maritalStatus: 'married',
    occupation: 'Giáo viên',
    phone: '0912345678',
    email: 'an.nguyen@example.com'
  }]
} as const

export type Person = FromSchema<typeof personSchema>
