import { fail, type Failure } from './result.js'

// Sheet numbers restart in every old commune, so a parcel is only identified together with the
// commune code that was current when the cadastral map was drawn (pre-2025 codes, never remapped).
// Even then duplicate parcel numbers in one sheet occur, so this id is a lookup key, not a unique one.
export type LandParcelRef = { oldCommuneCode: string, sheet: number, parcel: number }
export type LandParcelResult = ({ ok: true, id: string } & LandParcelRef) | Failure<'LT_ERR_PARCEL_ID'>

function positiveInt (v: string | number): number | undefined {
  const s = String(v).trim()
  if (!/^\d+$/.test(s)) return undefined
  const n = Number(s)
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined
}

// Numbers lose leading zeros ('012' -> 12) so sources that pad and sources that do not agree.
// Throws on bad parts: building an id from known-good fields; dirty input goes to the parser.
export function landParcelId (oldCommuneCode: string, sheet: string | number, parcel: string | number): string {
  const r = parseLandParcelId(`${String(oldCommuneCode).trim()}-${String(sheet).trim()}-${String(parcel).trim()}`)
  if (!r.ok) throw new RangeError(r.message)
  return r.id
}

export function parseLandParcelId (s: string): LandParcelResult {
  const m = typeof s === 'string' ? /^(\d{5})-([^-]+)-([^-]+)$/.exec(s.trim()) : null
  if (!m) return fail('LT_ERR_PARCEL_ID', `parcel id must be <5-digit commune>-<sheet>-<parcel>, got "${String(s)}"`)
  const sheet = positiveInt(m[2] as string)
  const parcel = positiveInt(m[3] as string)
  if (sheet === undefined) return fail('LT_ERR_PARCEL_ID', `map sheet "${m[2]}" is not a positive integer`)
  if (parcel === undefined) return fail('LT_ERR_PARCEL_ID', `parcel number "${m[3]}" is not a positive integer`)
  const oldCommuneCode = m[1] as string
  return { ok: true, id: `${oldCommuneCode}-${sheet}-${parcel}`, oldCommuneCode, sheet, parcel }
}
