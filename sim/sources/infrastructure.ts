// Urban infrastructure (ha-tang): the GIS department's asset layer exported as attribute rows with the
// geometry as WKT text (not GeoJSON), UPPER_SNAKE names, Vietnamese type and condition labels, lengths
// with a decimal comma, ward codes from when the layer was digitised (often pre-2025). Not personal
// data. Generated per ward, not per household: the networks do not depend on who lives there.
import { places, type Ward } from '../city/places.js'
import { randomDate } from '../city/time.js'
import { stringSeed } from '../random.js'
import { changedAt } from '../dialects/format.js'
import type { SourceContext } from './context.js'

export const ASSET_LABEL = {
  'road-segment': ['road', 'Đoạn đường'],
  'drain-pipe': ['drainage', 'Cống thoát nước'],
  manhole: ['drainage', 'Hố ga'],
  'street-light': ['lighting', 'Đèn chiếu sáng'],
  'lighting-cabinet': ['lighting', 'Tủ điện chiếu sáng'],
  'water-main': ['water-supply', 'Ống cấp nước'],
  hydrant: ['water-supply', 'Trụ cứu hỏa']
} as const
type AssetType = keyof typeof ASSET_LABEL
export const CONDITION_LABEL = { good: 'Tốt', fair: 'Trung bình', poor: 'Xuống cấp',
  'out-of-service': 'Ngưng hoạt động' } as const
export const NETWORK_LABEL = { road: 'Giao thông', drainage: 'Thoát nước', lighting: 'Chiếu sáng',
  'water-supply': 'Cấp nước' } as const
const NETWORK_PREFIX = { road: 'GT', drainage: 'TN', lighting: 'CS', 'water-supply': 'CN' } as const
const LINES: readonly AssetType[] = ['road-segment', 'drain-pipe', 'water-main']

type Position = [number, number]
const round = (n: number): number => Math.round(n * 1e6) / 1e6
const wkt = (type: 'Point' | 'LineString', c: Position | Position[]): string => type === 'Point'
  ? `POINT (${(c as Position).join(' ')})`
  : `LINESTRING (${(c as Position[]).map(p => p.join(' ')).join(', ')})`

// A fixed spot per ward inside the city's rough extent (lon 105.3-106.2, lat 9.3-10.3): the admin
// table has no coordinates, and a stable invented one keeps features of a ward together.
function centre (ward: Ward): Position {
  const h = stringSeed(ward.unit.code)
  return [105.3 + (h % 9000) / 10000, 9.3 + ((h >>> 13) % 10000) / 10000]
}

export function renderInfrastructure (ctx: SourceContext): void {
  for (const ward of places().wards) {
    const [lon, lat] = centre(ward)
    const count = ctx.style.int(6, 14)
    for (let n = 0; n < count; n++) {
      const assetType = ctx.style.pick(Object.keys(ASSET_LABEL) as AssetType[])
      const [network, label] = ASSET_LABEL[assetType]
      const key = `${NETWORK_PREFIX[network]}-${ward.unit.code}-${String(n + 1).padStart(6, '0')}`
      const start: Position = [round(lon + ctx.style.int(-200, 200) / 10000),
        round(lat + ctx.style.int(-200, 200) / 10000)]
      const line = LINES.includes(assetType)
      const coordinates: Position | Position[] = line
        ? [start, [round(start[0] + ctx.style.int(5, 40) / 10000), round(start[1] + ctx.style.int(-20, 20) / 10000)]]
        : start
      const geometry = { type: line ? 'LineString' as const : 'Point' as const, coordinates }
      const condition = ctx.style.weighted<keyof typeof CONDITION_LABEL>([['good', 50], ['fair', 30], ['poor', 15],
        ['out-of-service', 5]])
      const builtYear = ctx.style.int(1995, 2024)
      const inspected = randomDate(ctx.style, '2023-01-01', ctx.today)
      const lengthM = line ? Math.round(ctx.style.int(500, 40000) / 10) / 10 : undefined
      const diameterMm = assetType === 'drain-pipe' || assetType === 'water-main'
        ? ctx.style.pick([110, 160, 300, 600, 800, 1000]) : undefined
      const oldWard = ctx.style.pick(ward.oldCodes)
      const record: Record<string, unknown> = {
        MA_TS: key,
        NHOM: NETWORK_LABEL[network],
        LOAI_TS: label,
        MA_PX: ctx.wardCode(key, { wardCode: ward.unit.code, oldWardCode: oldWard, line: '' }),
        TINH_TRANG: CONDITION_LABEL[condition],
        NAM_XD: builtYear,
        ...(lengthM === undefined ? {} : { CHIEU_DAI: String(lengthM).replace('.', ',') }),
        ...(diameterMm === undefined ? {} : { DUONG_KINH: diameterMm }),
        GEOM: wkt(geometry.type, coordinates),
        NGAY_KIEM_TRA: inspected,
        NGAY_CN: changedAt(ctx.style, inspected, ctx.asOf),
        TRANG_THAI_BG: 'HIEN_HANH'
      }
      if (ctx.shouldInvalidate()) {
        // A layer digitised with the axes swapped puts the city in the Indian Ocean's latitude 105.
        const swapped = (line ? coordinates as Position[]
          : [coordinates as Position]).map(([x, y]) => [y, x] as Position)
        ctx.invalidate(record, key, [
          ['out-of-range', 'GEOM', r => { r.GEOM = wkt(geometry.type, line ? swapped : swapped[0] as Position) }],
          ['unknown-code', 'LOAI_TS', r => { r.LOAI_TS = 'Cây xanh' }],
          ['missing-required', 'GEOM', r => { delete r.GEOM }]
        ])
        ctx.write(record)
        continue
      }
      ctx.canonical(key, {
        type: 'Feature',
        id: key,
        geometry,
        properties: {
          assetId: key,
          network,
          assetType,
          wardCode: ward.unit.code,
          condition,
          builtYear,
          ...(lengthM === undefined ? {} : { lengthM }),
          ...(diameterMm === undefined ? {} : { diameterMm }),
          lastInspectedOn: inspected
        }
      })
      ctx.write(record)
    }
  }
}
