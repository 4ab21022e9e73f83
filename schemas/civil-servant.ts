// Canonical CivilServant (cán bộ, công chức, viên chức): one person employed by the city's public
// bodies, keyed by the staff code. The most sensitive source the hub holds: no demo client is
// granted it (docs/sources/civil-servant.md).
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, fullNameSchema, personalIdSchema, sexSchema } from './common.js'

export const civilServantSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/civil-servant.json',
  title: 'CivilServant',
  description: 'A cadre, civil servant or public employee: staff code, category, unit, position, rank and salary ' +
    'step, and whether still serving. Sensitive: granted to the home-affairs department only.',
  type: 'object',
  additionalProperties: false,
  required: ['staffCode', 'personalId', 'fullName', 'birthDate', 'category', 'unit', 'status'],
  properties: {
    staffCode: {
      type: 'string',
      pattern: '^[0-9A-Z][0-9A-Z.-]{3,19}$',
      description: 'Mã số cán bộ, công chức, viên chức in the personnel database; layout unverified, checked loosely.'
    },
    personalId: personalIdSchema,
    fullName: fullNameSchema,
    birthDate: { ...dateSchema, description: 'Date of birth.' },
    sex: sexSchema,
    category: {
      enum: ['cadre', 'civil-servant', 'public-employee'],
      description: 'cán bộ (elected or appointed to a term), công chức (in a rank, paid from the state budget), viên ' +
        'chức (public service unit, by contract).'
    },
    unit: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      description: 'Cơ quan, đơn vị where the person works.',
      properties: {
        code: {
          type: 'string',
          pattern: '^[0-9A-Z][0-9A-Z.-]{0,19}$',
          description: 'Mã đơn vị (budget relation code or the personnel database\'s own).'
        },
        name: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. UBND phường Ninh Kiều; NFC.' }
      }
    },
    position: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Chức vụ, chức danh (e.g. Phó Chủ tịch, Trưởng phòng); absent for staff without one.'
    },
    rank: {
      type: 'object',
      additionalProperties: false,
      required: ['code'],
      description: 'Ngạch công chức or chức danh nghề nghiệp viên chức.',
      properties: {
        code: {
          type: 'string',
          pattern: '^(\\d{2}\\.\\d{3}[a-z]?|V\\.\\d{2}\\.\\d{2}\\.\\d{2})$',
          description: 'Mã ngạch such as 01.003 (chuyên viên) or a public-employee title code such as V.07.03.29.'
        },
        name: { type: 'string', minLength: 1, maxLength: 200 }
      }
    },
    salaryStep: { type: 'integer', minimum: 1, maximum: 16, description: 'Bậc lương within the rank.' },
    salaryCoefficient: {
      type: 'number',
      minimum: 1,
      maximum: 10,
      description: 'Hệ số lương, e.g. 2.34 (Decree 204/2004/NĐ-CP tables).'
    },
    recruitedOn: { ...dateSchema, description: 'Ngày tuyển dụng.' },
    status: {
      enum: ['serving', 'retired', 'transferred', 'resigned', 'dismissed', 'deceased'],
      description: 'đang công tác, nghỉ hưu, chuyển công tác, thôi việc, buộc thôi việc, từ trần.'
    }
  },
  examples: [{
    staffCode: 'CT0012345',
    personalId: '092187004321',
    fullName: 'Trần Thị Mai',
    birthDate: '1987-10-02',
    sex: 'female',
    category: 'civil-servant',
    unit: { code: '1012345', name: 'UBND phường Ninh Kiều' },
    position: 'Công chức Văn phòng - Thống kê',
    rank: { code: '01.003', name: 'Chuyên viên' },
    salaryStep: 4,
    salaryCoefficient: 3.33,
    recruitedOn: '2011-03-01',
    status: 'serving'
  }]
} as const

export type CivilServant = FromSchema<typeof civilServantSchema>
