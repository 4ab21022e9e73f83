// The land registry (đất đai) as its API serves it: one record per cadastral parcel, with its
// current certificate and its holders named by their id document (CCCD, or the old 9-digit CMND).
import { datePattern } from '../runner/date-patterns.js'

export const landParcelRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/land/thua-dat.json',
  type: 'object',
  required: ['MaThua', 'MaXaCu', 'SoTo', 'SoThua', 'MaXa', 'DiaChi', 'DienTich', 'MucDich', 'ChuSuDung', 'NgayCapNhat'],
  properties: {
    MaThua: { type: 'string', pattern: '^\\d{5}-[1-9]\\d*-[1-9]\\d*$' },
    MaXaCu: { type: 'string', pattern: '^\\d{5}$' },
    SoTo: { type: 'integer', minimum: 1 },
    SoThua: { type: 'integer', minimum: 1 },
    MaXa: { type: 'string', pattern: '^\\d{5}$' },
    DiaChi: { type: 'string', minLength: 1, maxLength: 300 },
    DienTich: { type: 'number', exclusiveMinimum: 0 },
    MucDich: { type: 'string', minLength: 3 },
    GiayChungNhan: {
      type: 'object',
      required: ['SoPhatHanh', 'SoVaoSo', 'NgayCap', 'CoQuanCap'],
      properties: {
        SoPhatHanh: { type: 'string', pattern: '^[A-Z]{2} ?\\d{6,8}$' },
        SoVaoSo: { type: 'string', minLength: 3 },
        NgayCap: { type: 'string', pattern: datePattern('dd-MM-yyyy') },
        CoQuanCap: { type: 'string', minLength: 1 }
      }
    },
    ChuSuDung: {
      type: 'array',
      items: {
        type: 'object',
        required: ['HoTen', 'LoaiGiayTo', 'SoGiayTo'],
        properties: {
          HoTen: { type: 'string', minLength: 1 },
          LoaiGiayTo: { enum: ['CCCD', 'CMND'] },
          SoGiayTo: { type: 'string', pattern: '^(\\d{12}|\\d{9})$' },
          NamSinh: { type: 'integer', minimum: 1900, maximum: 2100 }
        },
        // The document number must fit its kind: 12 digits for a CCCD, 9 for a CMND.
        if: { properties: { LoaiGiayTo: { const: 'CCCD' } } },
        then: { properties: { SoGiayTo: { pattern: '^\\d{12}$' } } },
        else: { properties: { SoGiayTo: { pattern: '^\\d{9}$' } } }
      }
    },
    NgayCapNhat: { type: 'string', format: 'date-time' },
    DaXoa: { type: 'boolean' }
  }
} as const
