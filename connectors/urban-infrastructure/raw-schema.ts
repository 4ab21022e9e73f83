// Infrastructure assets as the GIS department (ha-tang) exports its layer: UPPER_SNAKE attribute
// names, the geometry as WKT text in GEOM (not GeoJSON), Vietnamese labels for network, type and
// condition, lengths with a decimal comma ("123,4"), ward codes from when the layer was digitised
// (often pre-2025), soft delete TRANG_THAI_BG = 'XOA'. A geometry the hub cannot place (format
// wkt-wgs84: axes swapped, not WGS 84, a one-point line) or a label outside the code tables is refused
// here, so the connector dead-letters the record naming GEOM or the label's field; the mapping
// (wkt-geometry, the label transforms) refuses the same with the reason, for any other path in.
import { datePattern } from '../runner/date-patterns.js'
import { ASSET_TYPE_CODES, CONDITION_CODES, NETWORK_CODES } from '../../schemas/vietnam/infrastructure-codes.js'

// The layer writes labels with a capital first letter ("Cống thoát nước"); the tables key them in lower case.
const labels = (table: Readonly<Record<string, string>>): string[] => Object.keys(table).map(
  l => l.charAt(0).toLocaleUpperCase('vi') + l.slice(1)
)

export const urbanInfrastructureRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/ha-tang/tai-san.json',
  type: 'object',
  required: ['MA_TS', 'NHOM', 'LOAI_TS', 'MA_PX', 'TINH_TRANG', 'GEOM', 'NGAY_CN'],
  properties: {
    MA_TS: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
    NHOM: { enum: labels(NETWORK_CODES) },
    LOAI_TS: { enum: labels(ASSET_TYPE_CODES) },
    MA_PX: { type: 'string', pattern: '^\\d{5}$' },
    TINH_TRANG: { enum: labels(CONDITION_CODES) },
    NAM_XD: { type: 'integer', minimum: 1850, maximum: 2100 },
    CHIEU_DAI: { type: 'string', pattern: '^\\d{1,6}([,.]\\d{1,3})?$' },
    DUONG_KINH: { type: 'integer', minimum: 1, maximum: 5000 },
    GEOM: { type: 'string', maxLength: 100000, format: 'wkt-wgs84' },
    NGAY_KIEM_TRA: { type: 'string', pattern: datePattern('yyyy-MM-dd') },
    NGAY_CN: { type: 'string', format: 'date-time' },
    TRANG_THAI_BG: { enum: ['HIEN_HANH', 'XOA'] }
  }
} as const
