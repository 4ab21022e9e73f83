// Unemployment-benefit decisions as the job centre's web system (viec-lam) serves them: camelCase
// names, d/M/yyyy dates without leading zeros, the amount as a number or as text grouped by '.'
// ("1.850.000"), the decision number and year as key, the person by CCCD or only by the old CMND,
// soft delete deleted = true. An impossible date, a missing amount or a month count outside 1-12 is
// refused here, so the record lands in dead letters with the failing field.
import { datePattern } from '../runner/date-patterns.js'

const looseDate = { type: 'string', pattern: datePattern('d/M/yyyy') } as const

export const unemploymentBenefitRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/viec-lam/tro-cap.json',
  type: 'object',
  required: [
    'soQuyetDinh',
    'hoTen',
    'ngayQuyetDinh',
    'tuNgay',
    'denNgay',
    'soThang',
    'mucHuong',
    'trungTam',
    'trangThai',
    'updated'
  ],
  // Each branch names its property again so ajv's strict mode sees it defined.
  anyOf: [{ required: ['cccd'], properties: { cccd: true } }, { required: ['cmnd'], properties: { cmnd: true } }],
  properties: {
    soQuyetDinh: { type: 'string', pattern: '^\\d{1,7}/[A-ZĐ-]{2,20}-\\d{4}$' },
    hoTen: { type: 'string', minLength: 1, maxLength: 200 },
    cccd: { type: 'string', pattern: '^\\d{12}$' },
    cmnd: { type: 'string', pattern: '^\\d{9}$' },
    soSoBhxh: { type: 'string', pattern: '^\\d{10}$' },
    ngayQuyetDinh: looseDate,
    tuNgay: looseDate,
    denNgay: looseDate,
    soThang: { type: 'integer', minimum: 1, maximum: 12 },
    mucHuong: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^\\d{1,3}([. ]\\d{3})*( ?(đ|đồng|VNĐ|VND))?$' }
      ]
    },
    trungTam: { type: 'string', minLength: 1, maxLength: 200 },
    trangThai: { type: 'string', pattern: '^(dang_huong|tam_dung|het_han|cham_dut_[a-z_]+)$' },
    ngayChamDut: looseDate,
    updated: { type: 'string', format: 'date-time' },
    deleted: { type: 'boolean' }
  }
} as const
