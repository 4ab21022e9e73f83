// Notarized contracts as the notary offices' shared register (cong-chung) serves them: camelCase
// Vietnamese names, dd-MM-yyyy dates, the contract type as its Vietnamese label, the two sides
// (benA, benB) as lists of people by document type and number or of organisations by tax code, the
// property as map sheet / parcel / pre-2025 commune code and a certificate serial written without
// its space, the price as "1.850.000.000 đồng", soft delete daXoa = true. An impossible date, an
// unknown contract label or a property without its parcel number is refused here, so the record
// lands in dead letters with the failing field.
import { datePattern } from '../runner/date-patterns.js'
import { NOTARY_CONTRACT_LABELS, NOTARY_STATUS_LABELS } from '../../schemas/vietnam/notary-codes.js'

const person = {
  type: 'object',
  required: ['hoTen', 'loaiGiayTo', 'soGiayTo'],
  properties: {
    hoTen: { type: 'string', minLength: 1, maxLength: 200 },
    loaiGiayTo: { enum: ['CCCD', 'CMND'] },
    soGiayTo: { type: 'string', pattern: '^(\\d{9}|\\d{12})$' }
  }
} as const
const organisation = {
  type: 'object',
  required: ['tenToChuc'],
  properties: {
    tenToChuc: { type: 'string', minLength: 1, maxLength: 200 },
    mst: { type: 'string', pattern: '^\\d{10}(-\\d{3})?$' }
  }
} as const
const side = { type: 'array', minItems: 1, items: { anyOf: [person, organisation] } } as const

export const notarizationRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/cong-chung/hop-dong.json',
  type: 'object',
  required: [
    'maHoSo', 'soCongChung', 'ngayCongChung', 'tenToChuc', 'loaiHopDong', 'benA', 'benB', 'trangThai', 'ngayCapNhat'
  ],
  properties: {
    maHoSo: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$' },
    soCongChung: { type: 'string', pattern: '^\\d{1,7}$' },
    quyenSo: { type: 'string', minLength: 1, maxLength: 40 },
    ngayCongChung: { type: 'string', pattern: datePattern('dd-MM-yyyy') },
    tenToChuc: { type: 'string', minLength: 1, maxLength: 200 },
    loaiHopDong: { enum: Object.keys(NOTARY_CONTRACT_LABELS) },
    benA: side,
    benB: side,
    taiSan: {
      type: 'object',
      required: ['soTo', 'soThua', 'maXa'],
      properties: {
        soTo: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^\\d{1,6}$' }] },
        soThua: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^\\d{1,6}$' }] },
        maXa: { type: 'string', pattern: '^\\d{5}$' },
        soSeri: { type: 'string', pattern: '^[A-Z]{2} ?\\d{6,8}$' }
      }
    },
    giaTri: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^\\d{1,3}([. ]\\d{3})*( ?(đ|đồng|VNĐ|VND))?$' }
      ]
    },
    trangThai: { enum: Object.keys(NOTARY_STATUS_LABELS) },
    ngayCapNhat: { type: 'string', format: 'date-time' },
    daXoa: { type: 'boolean' }
  }
} as const
