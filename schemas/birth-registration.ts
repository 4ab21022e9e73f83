// Canonical BirthRegistration: one entry of the birth register (Law on Civil Status 2014 art. 14),
// keyed by its registration id. The child's Person record is derived from it, not replaced by it.
import type { FromSchema } from 'json-schema-to-ts'
import {
  birthYearSchema, dateSchema, ethnicityCodeSchema, fullNameSchema, nationalitySchema, personalIdSchema,
  registerEntryProperties, sexSchema
} from './common.js'

const parentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName'],
  properties: {
    fullName: fullNameSchema,
    personalId: personalIdSchema,
    birthYear: birthYearSchema,
    birthDate: { ...dateSchema, description: 'Full date of birth, when the register holds one.' },
    ethnicityCode: ethnicityCodeSchema,
    nationality: nationalitySchema,
    residence: {
      type: 'string',
      minLength: 1,
      maxLength: 300,
      description: 'Nơi cư trú as written in the register, NFC.'
    }
  }
} as const

export const birthRegistrationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/birth-registration.json',
  title: 'BirthRegistration',
  description: 'A registered birth: the child, the parents as recorded, and the register entry. At least one parent ' +
    'is recorded.',
  type: 'object',
  additionalProperties: false,
  required: ['registrationId', 'registrationDate', 'registeringAuthority', 'child'],
  // Each branch names its property again so ajv's strict mode sees it defined.
  anyOf: [
    { required: ['mother'], properties: { mother: true } },
    { required: ['father'], properties: { father: true } }
  ],
  properties: {
    ...registerEntryProperties,
    child: {
      type: 'object',
      additionalProperties: false,
      required: ['fullName', 'sex', 'birthDate', 'placeOfBirth'],
      properties: {
        personalId: {
          ...personalIdSchema,
          description: 'Issued at registration; absent on registrations made before ids existed.'
        },
        fullName: fullNameSchema,
        sex: sexSchema,
        birthDate: { ...dateSchema, description: 'Date of birth.' },
        placeOfBirth: {
          type: 'string',
          minLength: 1,
          maxLength: 300,
          description: 'Nơi sinh (facility or address), NFC.'
        },
        hometown: { type: 'string', minLength: 1, maxLength: 300, description: 'Quê quán, NFC.' },
        ethnicityCode: ethnicityCodeSchema,
        nationality: nationalitySchema
      }
    },
    mother: parentSchema,
    father: parentSchema
  },
  examples: [{
    registrationId: '31135-2024-KS-000456',
    registrationNumber: '456',
    bookNumber: '01/2024',
    registrationDate: '2024-05-10',
    registeringAuthority: { name: 'UBND phường Ninh Kiều', wardCode: '31135' },
    child: {
      personalId: '092324000456',
      fullName: 'Nguyễn Ngọc Vy',
      sex: 'female',
      birthDate: '2024-04-28',
      placeOfBirth: 'Bệnh viện Phụ sản thành phố Cần Thơ',
      hometown: 'Xã Phong Điền, thành phố Cần Thơ',
      ethnicityCode: '01',
      nationality: 'VN'
    },
    mother: {
      fullName: 'Trần Thị Mai',
      personalId: '092187004321',
      birthYear: 1987,
      ethnicityCode: '01',
      nationality: 'VN',
      residence: '12 đường Hòa Bình, phường Ninh Kiều'
    },
    father: {
      fullName: 'Nguyễn Văn An',
      personalId: '092085001234',
      birthYear: 1985,
      ethnicityCode: '01',
      nationality: 'VN',
      residence: '12 đường Hòa Bình, phường Ninh Kiều'
    }
  }]
} as const

export type BirthRegistration = FromSchema<typeof birthRegistrationSchema>
