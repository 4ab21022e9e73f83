// Canonical MarriageRegistration: one entry of the marriage register, keyed by its registration id.
// The register names "bên nam" and "bên nữ"; the hub keeps both as spouses, in register order.
import type { FromSchema } from 'json-schema-to-ts'
import {
  dateSchema, ethnicityCodeSchema, fullNameSchema, legacyCmndSchema, nationalitySchema, personalIdSchema,
  registerEntryProperties
} from './common.js'

const spouseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName', 'birthDate', 'nationality'],
  properties: {
    fullName: fullNameSchema,
    birthDate: { ...dateSchema, description: 'Date of birth.' },
    personalId: personalIdSchema,
    legacyCmnd: legacyCmndSchema,
    passportNumber: {
      type: 'string',
      pattern: '^[A-Z0-9]{6,12}$',
      description: 'For a foreign spouse: passport number, upper case.'
    },
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

export const marriageRegistrationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/marriage-registration.json',
  title: 'MarriageRegistration',
  description: 'A registered marriage: the two spouses with their identity documents, and the register entry.',
  type: 'object',
  additionalProperties: false,
  required: ['registrationId', 'registrationDate', 'registeringAuthority', 'spouses'],
  properties: {
    ...registerEntryProperties,
    spouses: {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      description: 'Both spouses, in register order. Each carries an identity document: personal id, CMND or passport.',
      items: {
        ...spouseSchema,
        // Each branch names its property again so ajv's strict mode sees it defined.
        anyOf: [
          { required: ['personalId'], properties: { personalId: true } },
          { required: ['legacyCmnd'], properties: { legacyCmnd: true } },
          { required: ['passportNumber'], properties: { passportNumber: true } }
        ]
      }
    }
  },
  examples: [{
    registrationId: '31147-2010-KH-000089',
    registrationNumber: '89',
    bookNumber: '01/2010',
    registrationDate: '2010-06-15',
    registeringAuthority: { name: 'UBND phường Hưng Lợi', wardCode: '31147' },
    spouses: [
      {
        fullName: 'Nguyễn Văn An',
        birthDate: '1985-03-14',
        personalId: '092085001234',
        ethnicityCode: '01',
        nationality: 'VN',
        residence: 'Phường Hưng Lợi, quận Ninh Kiều, Cần Thơ'
      },
      {
        fullName: 'Trần Thị Mai',
        birthDate: '1987-09-02',
        legacyCmnd: '362345678',
        ethnicityCode: '01',
        nationality: 'VN',
        residence: 'Phường An Hòa, quận Ninh Kiều, Cần Thơ'
      }
    ]
  }]
} as const

export type MarriageRegistration = FromSchema<typeof marriageRegistrationSchema>
