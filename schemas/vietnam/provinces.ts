import { dataFilePath, readJsonFile } from './data-file.js'

export type Province = { code: string, name: string }
export type ProvinceTable = {
  version: string,
  source: string,
  provinces: readonly Province[],
  byCode: ReadonlyMap<string, Province>
}

export function validateProvinces (data: unknown): ProvinceTable {
  const d = data as { version?: unknown, source?: unknown, provinces?: unknown }
  if (typeof d !== 'object' || d === null) throw new Error('provinces: not an object')
  if (typeof d.version !== 'string' || d.version === '') throw new Error('provinces: missing version')
  if (typeof d.source !== 'string' || d.source === '') throw new Error('provinces: missing source')
  if (!Array.isArray(d.provinces)) throw new Error('provinces: provinces is not a list')
  const byCode = new Map<string, Province>()
  d.provinces.forEach((p: { code?: unknown, name?: unknown }, i: number) => {
    if (typeof p?.code !== 'string' || !/^\d{3}$/.test(p.code)) {
      throw new Error(`provinces: provinces[${i}] code is not 3 digits`)
    }
    if (typeof p.name !== 'string' || p.name === '') {
      throw new Error(`provinces: provinces[${i}] (${p.code}) has no name`)
    }
    if (byCode.has(p.code)) throw new Error(`provinces: provinces[${i}] duplicate code ${p.code}`)
    byCode.set(p.code, { code: p.code, name: p.name })
  })
  return { version: d.version, source: d.source, provinces: [...byCode.values()], byCode }
}

let cached: ProvinceTable | undefined

// Loaded on first use, not at import, so importing the module touches no file.
export function loadProvinces (path?: string): ProvinceTable {
  if (path !== undefined) return validateProvinces(readJsonFile(path))
  cached ??= validateProvinces(readJsonFile(dataFilePath('provinces.json')))
  return cached
}

// 3-digit birth-registration prefix of a personal id -> province name (pre-2025 provinces).
export function provinceName (code: string, table: ProvinceTable = loadProvinces()): string | undefined {
  return table.byCode.get(code)?.name
}
