// Canonical StudentEnrolment (học sinh): one pupil's enrolment in one school year, keyed by the
// education database's student code and the school year. Linked to the pupil and the guardian by
// personal id, so the school's address can be held against residence.
import type { FromSchema } from 'json-schema-to-ts'
import { addressSchema, dateSchema, fullNameSchema, personalIdSchema, sexSchema, wardCodeSchema } from './common.js'

export const schoolYearSchema = {
  type: 'string',
  pattern: '^(19|20)\\d{2}-(19|20)\\d{2}$',
  description: 'Năm học yyyy-yyyy, e.g. 2025-2026; the normalizer checks the second year follows the first.'
} as const

export const studentEnrolmentSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/student-enrolment.json',
  title: 'StudentEnrolment',
  description: 'A pupil\'s enrolment for one school year in general education: school, grade and class, guardian, ' +
    'the address the school holds and whether the pupil is still enrolled.',
  type: 'object',
  additionalProperties: false,
  required: [
    'enrolmentId',
    'studentCode',
    'studentPersonalId',
    'fullName',
    'birthDate',
    'schoolYear',
    'school',
    'grade',
    'className',
    'status'
  ],
  properties: {
    enrolmentId: {
      type: 'string',
      pattern: '^[0-9A-Za-z-]{6,40}$',
      description: '<studentCode>-<schoolYear> as built by the connector.'
    },
    studentCode: {
      type: 'string',
      pattern: '^[0-9A-Za-z]{6,20}$',
      description: 'Mã học sinh in the education database; its layout is not checked (unverified, ' +
        'docs/sources/student-enrolment.md).'
    },
    studentPersonalId: personalIdSchema,
    fullName: fullNameSchema,
    birthDate: { ...dateSchema, description: 'Date of birth.' },
    sex: sexSchema,
    schoolYear: schoolYearSchema,
    school: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'level'],
      properties: {
        code: { type: 'string', pattern: '^[0-9A-Za-z]{2,20}$', description: 'Mã trường in the education database.' },
        name: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. Trường Tiểu học Ninh Kiều; NFC.' },
        level: {
          enum: ['primary', 'lower-secondary', 'upper-secondary', 'continuing'],
          description: 'tiểu học (grades 1-5), trung học cơ sở (6-9), trung học phổ thông (10-12), giáo dục thường ' +
            'xuyên.'
        },
        wardCode: { ...wardCodeSchema, description: 'Ward/commune of the school.' }
      }
    },
    grade: { type: 'integer', minimum: 1, maximum: 12, description: 'Khối lớp 1-12 (Education Law 2019 art. 28).' },
    className: {
      type: 'string',
      pattern: '^(1[0-2]|[1-9])[A-Z0-9Đ/.-]{0,8}$',
      description: 'Lớp as the school names it: the grade then a suffix, e.g. 1A, 6A3, 10C1.'
    },
    guardian: {
      type: 'object',
      additionalProperties: false,
      required: ['fullName', 'relation'],
      description: 'Cha, mẹ hoặc người giám hộ.',
      properties: {
        personalId: personalIdSchema,
        fullName: fullNameSchema,
        relation: { enum: ['father', 'mother', 'guardian', 'grandparent', 'sibling', 'other'] },
        phone: { type: 'string', pattern: '^0\\d{9,10}$', description: 'Domestic form, digits only.' }
      }
    },
    address: {
      ...addressSchema,
      description: 'Address the school holds for the pupil (chỗ ở hiện nay); residence is the authority.'
    },
    enrolledOn: { ...dateSchema, description: 'Date of admission to this school.' },
    status: {
      enum: ['enrolled', 'transferred', 'dropped-out', 'completed'],
      description: 'đang học, chuyển trường, bỏ học, hoàn thành năm học / tốt nghiệp.'
    }
  },
  examples: [{
    enrolmentId: 'CT2019000123-2025-2026',
    studentCode: 'CT2019000123',
    studentPersonalId: '092219000777',
    fullName: 'Nguyễn Minh Khoa',
    birthDate: '2019-05-20',
    sex: 'male',
    schoolYear: '2025-2026',
    school: { code: '92001TH01', name: 'Trường Tiểu học Ninh Kiều', level: 'primary', wardCode: '31135' },
    grade: 1,
    className: '1A',
    guardian: { personalId: '092085001234', fullName: 'Nguyễn Văn An', relation: 'father', phone: '0912345678' },
    address: { line: '12 đường Hòa Bình, khu vực 3', wardCode: '31135' },
    enrolledOn: '2025-09-05',
    status: 'enrolled'
  }]
} as const

export type StudentEnrolment = FromSchema<typeof studentEnrolmentSchema>
