// Construction permits as the permit office's register (xay-dung) serves them: PascalCase names,
// dd/MM/yyyy dates, permit and building types and statuses as Vietnamese labels, the parcel as free text
// "Thửa 345, tờ bản đồ 12" with the pre-2025 commune code beside it (MaXaBanDo), areas and height with
// a decimal comma, owners by CCCD or only by the old CMND, the post-permit inspections as a nested
// list, soft delete Huy = true. An impossible date, an unknown label or a missing floor count is
// refused here, so the record lands in dead letters with the failing field.
import { datePattern } from '../runner/date-patterns.js'
import {
  BUILDING_TYPE_LABELS, INSPECTION_RESULT_LABELS, labelsOf, PERMIT_STATUS_LABELS, PERMIT_TYPE_LABELS
} from '../../schemas/vietnam/construction-permit-codes.js'

const slashedDate = { type: 'string', pattern: datePattern('dd/MM/yyyy') } as const
// "96,5" or "96.5" or a number: the office types areas by hand.
const decimal = {
  anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', pattern: '^\\d{1,6}([,.]\\d{1,2})?$' }]
} as const

export const constructionPermitRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/xay-dung/giay-phep.json',
  type: 'object',
  required: ['SoGiayPhep', 'NgayCap', 'CoQuanCap', 'LoaiGiayPhep', 'ChuDauTu', 'ThuaDat', 'MaXaBanDo', 'DiaChi',
    'MaPhuongXa', 'SoTang',
    'TongDienTichSan', 'TrangThai', 'NgaySua'],
  properties: {
    SoGiayPhep: { type: 'string', pattern: '^\\d{1,7}/[A-ZĐ-]{2,20}-\\d{4}$' },
    NgayCap: slashedDate,
    CoQuanCap: { type: 'string', minLength: 1, maxLength: 200 },
    LoaiGiayPhep: { enum: labelsOf(PERMIT_TYPE_LABELS) },
    LoaiCongTrinh: { enum: labelsOf(BUILDING_TYPE_LABELS) },
    ChuDauTu: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['HoTen'],
        // Each branch names its property again so ajv's strict mode sees it defined.
        anyOf: [{ required: ['CCCD'], properties: { CCCD: true } }, { required: ['CMND'], properties: { CMND: true } }],
        properties: {
          HoTen: { type: 'string', minLength: 1, maxLength: 200 },
          CCCD: { type: 'string', pattern: '^\\d{12}$' },
          CMND: { type: 'string', pattern: '^\\d{9}$' }
        }
      }
    },
    ThuaDat: { type: 'string', pattern: '^[Tt]hửa (số )?\\d{1,5}, ?tờ( bản đồ)?( số)? \\d{1,4}$' },
    MaXaBanDo: { type: 'string', pattern: '^\\d{5}$' },
    SoSeriGCN: { type: 'string', minLength: 1, maxLength: 20 },
    DiaChi: { type: 'string', minLength: 1, maxLength: 300 },
    MaPhuongXa: { type: 'string', pattern: '^\\d{5}$' },
    SoTang: { type: 'string', pattern: '^[1-9]\\d?$' },
    DienTichXayDung: decimal,
    TongDienTichSan: decimal,
    ChieuCao: decimal,
    TrangThai: { enum: labelsOf(PERMIT_STATUS_LABELS) },
    KiemTra: {
      type: 'array',
      items: {
        type: 'object',
        required: ['Ngay', 'KetQua'],
        properties: {
          Ngay: slashedDate,
          KetQua: { enum: labelsOf(INSPECTION_RESULT_LABELS) },
          NoiDung: { type: 'string', minLength: 1, maxLength: 500 },
          SoQD: { type: 'string', minLength: 3, maxLength: 60 }
        }
      }
    },
    NgaySua: { type: 'string', format: 'date-time' },
    Huy: { type: 'boolean' }
  }
} as const
