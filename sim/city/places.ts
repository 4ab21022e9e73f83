// Where the city's households live: the current (2025) wards from the bundled admin-unit table,
// each with the pre-2025 codes it absorbed, grouped by the province they belonged to before the
// merger. The table is a sample of 13 of the 103 units, so the city lives in those 13.
import { loadAdminUnits, type AdminUnit } from '../../schemas/vietnam/index.js'
import type { Random } from '../random.js'

export type Region = 'cantho' | 'haugiang' | 'soctrang'

export interface Ward {
  unit: AdminUnit
  region: Region
  // Pre-2025 codes folded into this unit (the unit's own code among them).
  oldCodes: readonly string[]
}

export interface Places { wards: readonly Ward[], byRegion: Record<Region, readonly Ward[]>,
  byCode: ReadonlyMap<string, Ward> }

// Population shares of the three pre-merger provinces (old Cần Thơ, Hậu Giang, Sóc Trăng).
export const REGION_WEIGHTS: ReadonlyArray<readonly [Region, number]> = [['cantho', 40], ['haugiang', 23],
  ['soctrang', 37]]

// Ward codes are numbered by province: old Cần Thơ up to 31317, Hậu Giang to 31497, Sóc Trăng after.
export function regionOfWard (code: string): Region {
  const n = Number(code)
  return n < 31318 ? 'cantho' : n < 31498 ? 'haugiang' : 'soctrang'
}

/** The region of a current unit of the table (its former province), else by the pre-2025 code ranges. */
export function regionOfUnit (code: string): Region {
  return places().byCode.get(code)?.region ?? regionOfWard(code)
}

const oldCodesOf = (known: string[], current: string): string[] => known.length > 0 ? known : [current]

/** The region of a unit by the province it belonged to before 2025 (92 Cần Thơ, 93 Hậu Giang, 94 Sóc Trăng). */
export function regionOfProvince (code: string): Region {
  return code === '93' ? 'haugiang' : code === '94' ? 'soctrang' : 'cantho'
}

// 12-digit personal-id prefix and 2-digit social-insurance province code of each region.
export const REGION_ID_PREFIX: Record<Region, string> = { cantho: '092', haugiang: '093', soctrang: '094' }
export const REGION_PROVINCE_CODE: Record<Region, string> = { cantho: '92', haugiang: '93', soctrang: '94' }

let cached: Places | undefined

export function places (): Places {
  if (cached !== undefined) return cached
  const table = loadAdminUnits()
  const wards = table.units.map(unit => ({
    unit,
    region: unit.formerProvince !== undefined ? regionOfProvince(unit.formerProvince) : regionOfWard(unit.code),
    // A unit whose pre-2025 units the table does not know: its records carry the current code (made
    // after the reform), which the normalizer keeps as it is.
    oldCodes: oldCodesOf(table.mappings.filter(m => m.newCode === unit.code).map(m => m.oldCode), unit.code)
  }))
  const byRegion = { cantho: [] as Ward[], haugiang: [] as Ward[], soctrang: [] as Ward[] }
  for (const w of wards) byRegion[w.region].push(w)
  cached = { wards, byRegion, byCode: new Map(wards.map(w => [w.unit.code, w])) }
  return cached
}

const STREETS_URBAN = ['Đường 30 Tháng 4', 'Đường Mậu Thân', 'Đường Trần Hưng Đạo', 'Đường Nguyễn Văn Cừ',
  'Đường 3 Tháng 2', 'Đường Hùng Vương', 'Đường Lý Tự Trọng', 'Đường Trần Phú', 'Hẻm 51 Đường 3 Tháng 2',
  'Đường Nguyễn Trãi']
const HAMLETS = ['Ấp Nhơn Lộc', 'Ấp Thới Hòa', 'Ấp Mỹ Phụng', 'Ấp Tân Lợi', 'Ấp Phước Thuận', 'Ấp Trường Lạc',
  'Ấp Kinh Mới', 'Ấp Hòa Thạnh', 'Ấp Sóc Vồ', 'Ấp Prey Chóp']

export function addressLine (random: Random, ward: Ward): string {
  return ward.unit.kind === 'phuong'
    ? `Số ${random.int(1, 399)} ${random.pick(STREETS_URBAN)}`
    : `${random.pick(HAMLETS)}`
}

export function pickWard (random: Random, region?: Region): Ward {
  const p = places()
  return random.pick(p.byRegion[region ?? random.weighted(REGION_WEIGHTS)])
}
