import { readFileSync } from 'node:fs'
import { dataFilePath, readJsonFile } from './data-file.js'

// Ward/commune codes across the 1 July 2025 reform. The mapping is data, loaded and versioned,
// because published mappings contain machine-made errors and will be corrected over time.

export type WardKind = 'phuong' | 'xa'
// official: the code of the national list (Decision 19/2025/QĐ-TTg). provisional: a placeholder of
// the hub (99xxx, outside the national range) for a unit whose official code the file does not know.
export type CodeStatus = 'official' | 'provisional'
export type AdminUnit = { code: string, name: string, kind: WardKind, codeStatus: CodeStatus, formerProvince?: string }
// partial: only part of the old unit went into the new one (a split), so an old address may
// actually lie in a different new unit; callers should flag such records for review.
export type AdminUnitMapping = { oldCode: string, newCode: string, partial: boolean }
export type OldAdminUnit = { code: string, name: string }

export type AdminUnitTable = {
  version: string
  effectiveFrom: string
  provinceCode: string
  source: string
  units: readonly AdminUnit[]
  mappings: readonly AdminUnitMapping[]
  oldUnits: readonly OldAdminUnit[]
  byCode: ReadonlyMap<string, AdminUnit>
  byOldCode: ReadonlyMap<string, readonly AdminUnitMapping[]>
}

export type CurrentWard = { code: string, name: string, kind: WardKind, mapped: boolean, partial: boolean }

const CODE = /^\d{5}$/

type Raw = Record<string, unknown>

function str (o: Raw, key: string, where: string): string {
  const v = o[key]
  if (typeof v !== 'string' || v.trim() === '') {
    throw new Error(`admin units: ${where}: "${key}" must be a non-empty string`)
  }
  return v
}

function list (o: Raw, key: string): Raw[] {
  const v = o[key]
  if (v === undefined && key === 'oldUnits') return []
  if (!Array.isArray(v)) throw new Error(`admin units: "${key}" must be a list`)
  return v.map((e, i) => {
    if (typeof e !== 'object' || e === null) throw new Error(`admin units: ${key}[${i}] is not an object`)
    return e as Raw
  })
}

function code (o: Raw, key: string, where: string): string {
  const v = str(o, key, where)
  if (!CODE.test(v)) throw new Error(`admin units: ${where}: "${key}" ${v} is not a 5-digit code`)
  return v
}

// Throws naming the bad entry, so a broken data file fails at load time, not on a lookup later.
export function validateAdminUnits (data: unknown): AdminUnitTable {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('admin units: data is not an object')
  }
  const d = data as Raw
  const version = str(d, 'version', 'header')
  const effectiveFrom = str(d, 'effectiveFrom', 'header')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom)) {
    throw new Error(`admin units: header: effectiveFrom ${effectiveFrom} is not YYYY-MM-DD`)
  }
  const provinceCode = str(d, 'provinceCode', 'header')
  if (!/^\d{2}$/.test(provinceCode)) {
    throw new Error(`admin units: header: provinceCode ${provinceCode} is not 2 digits`)
  }
  const source = str(d, 'source', 'header')

  const byCode = new Map<string, AdminUnit>()
  list(d, 'units').forEach((u, i) => {
    const where = `units[${i}]`
    const c = code(u, 'code', where)
    const name = str(u, 'name', `${where} (${c})`)
    const kind = u.kind
    if (kind !== 'phuong' && kind !== 'xa') {
      throw new Error(`admin units: ${where} (${c}): kind must be "phuong" or "xa"`)
    }
    if (byCode.has(c)) throw new Error(`admin units: ${where}: duplicate unit code ${c}`)
    const codeStatus = u.codeStatus ?? 'official'
    if (codeStatus !== 'official' && codeStatus !== 'provisional') {
      throw new Error(`admin units: ${where} (${c}): codeStatus must be "official" or "provisional"`)
    }
    if (codeStatus === 'provisional' && !c.startsWith('99')) {
      throw new Error(`admin units: ${where} (${c}): a provisional code must be 99xxx, outside the national list`)
    }
    const formerProvince = u.formerProvince === undefined || u.formerProvince === ''
      ? undefined
      : str(u, 'formerProvince', `${where} (${c})`)
    if (formerProvince !== undefined && !/^\d{2}$/.test(formerProvince)) {
      throw new Error(`admin units: ${where} (${c}): formerProvince ${formerProvince} is not 2 digits`)
    }
    byCode.set(c, { code: c, name, kind, codeStatus, ...(formerProvince !== undefined ? { formerProvince } : {}) })
  })
  if (byCode.size === 0) throw new Error('admin units: "units" is empty')

  const byOldCode = new Map<string, AdminUnitMapping[]>()
  const mappings: AdminUnitMapping[] = []
  list(d, 'mappings').forEach((m, i) => {
    const where = `mappings[${i}]`
    const oldCode = code(m, 'oldCode', where)
    const newCode = code(m, 'newCode', `${where} (oldCode ${oldCode})`)
    if (typeof m.partial !== 'boolean') {
      throw new Error(`admin units: ${where} (oldCode ${oldCode}): "partial" must be true or false`)
    }
    if (!byCode.has(newCode)) {
      throw new Error(`admin units: ${where} (oldCode ${oldCode}): newCode ${newCode} is not a unit in this file`)
    }
    // A new unit reuses the code of a unit it absorbed, so that code can only lead to itself.
    if (byCode.has(oldCode) && newCode !== oldCode) {
      throw new Error(`admin units: ${where}: oldCode ${oldCode} is also a current unit code but maps to ${newCode}`)
    }
    const mapping = { oldCode, newCode, partial: m.partial }
    const earlier = byOldCode.get(oldCode) ?? []
    // Only a split unit may go to several new units, and then every piece is partial.
    if (earlier.length > 0 && (!mapping.partial || earlier.some(e => !e.partial))) {
      throw new Error(
        `admin units: ${where}: oldCode ${oldCode} is mapped more than once without every mapping being partial`
      )
    }
    if (earlier.some(e => e.newCode === newCode)) {
      throw new Error(`admin units: ${where}: duplicate mapping ${oldCode} -> ${newCode}`)
    }
    byOldCode.set(oldCode, [...earlier, mapping])
    mappings.push(mapping)
  })

  const oldUnits = list(d, 'oldUnits').map((o, i) => {
    const c = code(o, 'code', `oldUnits[${i}]`)
    return { code: c, name: str(o, 'name', `oldUnits[${i}] (${c})`) }
  })

  return {
    version,
    effectiveFrom,
    provinceCode,
    source,
    units: [...byCode.values()],
    mappings,
    oldUnits,
    byCode,
    byOldCode
  }
}

/**
 * The CSV form (schemas/data/admin-units-2025.csv): `# key: value` manifest lines (version,
 * effectiveFrom, provinceCode, source; `oldUnit: code,name` once per pre-2025 unit), then a header row
 * and one row per unit: code,codeStatus,kind,name,formerProvince,formedFrom. formedFrom lists
 * pre-2025 codes separated by spaces, `part:<code>` for a unit only partly absorbed.
 */
export function parseAdminUnitsCsv (text: string): Record<string, unknown> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter(l => l.trim() !== '')
  const header: Record<string, string> = {}
  const oldUnits: Array<{ code: string, name: string }> = []
  const rows: string[][] = []
  for (const line of lines) {
    const manifest = /^#\s*([A-Za-z]+):\s*(.*)$/.exec(line)
    if (manifest !== null) {
      const [, key, value] = manifest
      if (key === 'oldUnit') {
        const [code, ...name] = value.split(',')
        oldUnits.push({ code: code.trim(), name: name.join(',').trim() })
      } else header[key] = value.trim()
    } else if (!line.startsWith('#')) rows.push(line.split(',').map(c => c.trim()))
  }
  const [columns, ...units] = rows
  const expected = ['code', 'codeStatus', 'kind', 'name', 'formerProvince', 'formedFrom']
  if (columns === undefined || expected.some((c, i) => columns[i] !== c)) {
    throw new Error(`admin units: CSV header row must be ${expected.join(',')}`)
  }
  const mappings: Array<{ oldCode: string, newCode: string, partial: boolean }> = []
  for (const u of units) {
    for (const from of (u[5] ?? '').split(/\s+/).filter(f => f !== '')) {
      const partial = from.startsWith('part:')
      mappings.push({ oldCode: partial ? from.slice(5) : from, newCode: u[0], partial })
    }
  }
  return {
    ...header,
    units: units.map(u => ({ code: u[0], codeStatus: u[1], kind: u[2], name: u[3], formerProvince: u[4] ?? '' })),
    mappings,
    oldUnits
  }
}

function readTable (path: string): AdminUnitTable {
  return validateAdminUnits(path.endsWith('.csv') ? parseAdminUnitsCsv(readFileSync(path, 'utf8')) : readJsonFile(path))
}

let cached: AdminUnitTable | undefined

/**
 * Without a path, the table in use: the one set at boot (useAdminUnits, from the
 * LT_ADMIN_UNITS_FILE setting) or else the bundled schemas/data/admin-units-2025.csv, read once.
 * With a path, that file (.csv or .json), validated.
 */
export function loadAdminUnits (path?: string): AdminUnitTable {
  if (path !== undefined) return readTable(path)
  cached ??= readTable(bundledAdminUnitsPath())
  return cached
}

/** The table shipped with the hub: names of all 103 units, official codes only where known. */
export const bundledAdminUnitsPath = (): string => dataFilePath('admin-units-2025.csv')

/** Makes a city's own table (e.g. the official one from the national registry) the one in use. */
export function useAdminUnits (table: AdminUnitTable): void {
  cached = table
}

// All current units an old or current code may now belong to: several only for a split unit.
export function currentWardCandidates (code: string, table: AdminUnitTable): CurrentWard[] {
  const c = typeof code === 'string' ? code.trim() : ''
  const maps = table.byOldCode.get(c)
  if (maps) {
    return maps.map(m => {
      const unit = table.byCode.get(m.newCode) as AdminUnit
      return { ...unit, mapped: m.newCode !== c, partial: m.partial }
    })
  }
  const unit = table.byCode.get(c)
  return unit ? [{ ...unit, mapped: false, partial: false }] : []
}

// Old or current code -> the current unit. mapped: the code changed; partial: the old unit was
// split, so the answer is the best known, not certain (first listed when pieces are known).
// undefined: the code is in neither list; an unknown old code is never assumed unchanged.
export function currentWardCode (code: string, table: AdminUnitTable): CurrentWard | undefined {
  return currentWardCandidates(code, table)[0]
}

export function isCurrentWard (code: string, table: AdminUnitTable): boolean {
  return typeof code === 'string' && table.byCode.has(code.trim())
}

export function oldUnitName (code: string, table: AdminUnitTable): string | undefined {
  return table.oldUnits.find(o => o.code === code)?.name
}
