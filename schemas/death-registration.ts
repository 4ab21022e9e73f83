// Canonical DeathRegistration: one entry of the death register, keyed by its registration id.
// It closes the person's record (Person.dateOfDeath) without deleting it.
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, fullNameSchema, personalIdSchema, registerEntryProperties, sexSchema } from './common.js'

export const deathRegistrationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/death-registration.json',
  title: 'DeathRegistration',
  description: 'A registered death: who died, when and where, and the register entry.',
  type: 'object',
  additionalProperties: false,
  required: ['registrationId', 'registrationDate', 'registeringAuthority', 'deceased', 'dateOfDeath', 'placeOfDeath'],
  properties: {
    ...registerEntryProperties,
    deceased: {
      type: 'object',
      additionalProperties: false,
      required: ['fullName'],
      properties: {
        personalId: personalIdSchema,
        fullName: fullNameSchema,
        birthDate: { ...dateSchema, description: 'Date of birth.' },
        sex: sexSchema
      }
    },
    dateOfDeath: { ...dateSchema, description: 'Date of death.' },
    placeOfDeath: { type: 'string', minLength: 1, maxLength: 300, description: 'Nơi chết (facility or address), NFC.' }
  },
  examples: [{
    registrationId: '31299-2025-KT-000031',
    registrationNumber: '31',
    registrationDate: '2025-02-03',
    registeringAuthority: { name: 'UBND xã Phong Điền', wardCode: '31299' },
    deceased: { personalId: '092040000311', fullName: 'Lê Văn Hùng', birthDate: '1940-07-01', sex: 'male' },
    dateOfDeath: '2025-01-30',
    placeOfDeath: 'Tại nhà, ấp Nhơn Lộc 1, xã Phong Điền'
  }]
} as const

export type DeathRegistration = FromSchema<typeof deathRegistrationSchema>
