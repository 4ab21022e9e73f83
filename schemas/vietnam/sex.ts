import { foldDiacritics } from './fold.js'
import { fail, type Failure } from './result.js'

export type Sex = 'male' | 'female' | 'unknown'
export type SexResult = { ok: true, sex: Sex } | Failure<'LT_ERR_SEX_CODE'>

// Keys are folded and lower-cased, so 'Nữ', 'NỮ', 'nu' and NFD input all meet.
// Digits follow health data (1 male, 2 female, 3 unknown). '0' is deliberately absent: some
// systems use 0 for female and others for male, so it cannot be trusted without its source.
const CODES: Record<string, Sex> = {
  nam: 'male',
  'nam gioi': 'male',
  m: 'male',
  male: 'male',
  '1': 'male',
  nu: 'female',
  'nu gioi': 'female',
  f: 'female',
  female: 'female',
  '2': 'female',
  '3': 'unknown',
  u: 'unknown',
  unknown: 'unknown',
  'khong ro': 'unknown',
  'chua xac dinh': 'unknown'
}

function key (raw: string | number): string {
  return foldDiacritics(String(raw)).toLowerCase().trim().replace(/\s+/g, ' ')
}

// Strict: an unrecognised code is a data-quality finding, distinct from an explicit "unknown".
export function parseSex (raw: string | number | null | undefined): SexResult {
  if (raw === null || raw === undefined) return fail('LT_ERR_SEX_CODE', 'sex is missing')
  const sex = CODES[key(raw)]
  if (sex === undefined) return fail('LT_ERR_SEX_CODE', `unrecognised sex code "${String(raw)}"`)
  return { ok: true, sex }
}

// Lenient: anything unrecognised becomes 'unknown'.
export function toSex (raw: string | number | null | undefined): Sex {
  const r = parseSex(raw)
  return r.ok ? r.sex : 'unknown'
}

// Code used by health (BHYT) data.
export function healthSexCode (sex: Sex): '1' | '2' | '3' {
  return sex === 'male' ? '1' : sex === 'female' ? '2' : '3'
}
