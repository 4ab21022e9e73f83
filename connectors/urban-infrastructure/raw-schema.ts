// Infrastructure assets as the GIS department (ha-tang) exports its layer: UPPER_SNAKE attribute
// names, the geometry as WKT text in GEOM (not GeoJSON), Vietnamese labels for network, type and
// condition, lengths with a decimal comma ("123,4"), ward codes from when the layer was digitised
// (often pre-2025), soft delete TRANG_THAI_BG = 'XOA'. The door checks the shape only: the WKT
// itself is read by the mapping (wkt-geometry), which refuses a geometry it cannot place with
// LT_ERR_GEOMETRY naming GEOM, and the labels by their code tables.
import { datePattern } from '../runner/date-patterns.js'

export const urbanInfrastructureRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/ha-tang/tai-san.json',
  type: 'object',
  required: ['MA_TS', 'NHOM', 'LOAI_TS', 'MA_PX', 'TINH_TRANG', 'GEOM', 'NGAY_CN'],
  properties: {
    MA_TS: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
    NHOM: { type: 'string', minLength: 1, maxLength: 50 },
    LOAI_TS: { type: 'string', minLength: 1, maxLength: 100 },
    MA_PX: { type: 'string', pattern: '^\\d{5}$' },
    TINH_TRANG: { type: 'string', minLength: 1, maxLength: 50 },
    NAM_XD: { type: 'integer', minimum: 1850, maximum: 2100 },
    CHIEU_DAI: { type: 'string', pattern: '^\\d{1,6}([,.]\\d{1,3})?$' },
    DUONG_KINH: { type: 'integer', minimum: 1, maximum: 5000 },
    GEOM: { type: 'string', minLength: 1, maxLength: 100000 },
    NGAY_KIEM_TRA: { type: 'string', pattern: datePattern('yyyy-MM-dd') },
    NGAY_CN: { type: 'string', format: 'date-time' },
    TRANG_THAI_BG: { enum: ['HIEN_HANH', 'XOA'] }
  }
} as const
