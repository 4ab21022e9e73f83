import { parseVnDate } from './dates.js'
import { loadProvinces, type ProvinceTable } from './provinces.js'
import { fail, type Failure } from './result.js'

// 12-digit personal id PPP G YY NNNNNN (Decree 137/2015 art. 13, Circular 07/2016 art. 7).
// There is no public check digit, so any 12 digits parse; consistency is only warned about,
// because the 2023 Law only says "12 digits" and the layout of new numbers is unverified.

export type IdSex = 'male' | 'female'
export type PersonalId = {
  value: string
  provinceCode: string
  centuryDigit: number
  sex: IdSex
  birthYearTwoDigits: string
  century: number // first year of the century, e.g. 1900
  birthYear: number
}
export type PersonalIdResult = ({ ok: true } & PersonalId) | Failure<'LT_ERR_ID_FORMAT'>

export type PersonalIdWarningCode =
  | 'LT_WARN_ID_FORMAT'
  | 'LT_WARN_ID_CENTURY_MISMATCH'
  | 'LT_WARN_ID_SEX_MISMATCH'
  | 'LT_WARN_ID_BIRTH_YEAR_MISMATCH'
  | 'LT_WARN_ID_UNKNOWN_PROVINCE'
export type PersonalIdWarning = { code: PersonalIdWarningCode, message: string }

// Circular 07/2016 gives the digit pairs up to the 24th century: even = male, odd = female.
const FIRST_CENTURY = 1900

export function parsePersonalId (s: string): PersonalIdResult {
  // Spaces are how people group the digits on forms ("092 0 85 012345"); anything else is wrong.
  const value = typeof s === 'string' ? s.replace(/\s+/g, '') : ''
  if (!/^\d{12}$/.test(value)) {
    return fail('LT_ERR_ID_FORMAT', `personal id must be 12 digits, got "${String(s)}"`)
  }
  const centuryDigit = Number(value[3])
  const century = FIRST_CENTURY + Math.floor(centuryDigit / 2) * 100
  const birthYearTwoDigits = value.slice(4, 6)
  return {
    ok: true,
    value,
    provinceCode: value.slice(0, 3),
    centuryDigit,
    sex: centuryDigit % 2 === 0 ? 'male' : 'female',
    birthYearTwoDigits,
    century,
    birthYear: century + Number(birthYearTwoDigits)
  }
}

export type PersonalIdFacts = { birthDate?: string, sex?: 'male' | 'female' | 'unknown' }

// Compares the id with what the record says. Returns warnings only: a mismatch may be a typo in
// either field, or a number that does not follow the old layout. An unreadable birthDate is not
// this function's finding (parseVnDate reports it), so it is skipped.
export function checkPersonalIdAgainst (
  id: string | PersonalId,
  facts: PersonalIdFacts = {},
  provinces: ProvinceTable = loadProvinces()
): PersonalIdWarning[] {
  let parsed: PersonalId
  if (typeof id === 'string') {
    const r = parsePersonalId(id)
    if (!r.ok) return [{ code: 'LT_WARN_ID_FORMAT', message: r.message }]
    parsed = r
  } else {
    parsed = id
  }
  const warnings: PersonalIdWarning[] = []
  if (!provinces.byCode.has(parsed.provinceCode)) {
    warnings.push({
      code: 'LT_WARN_ID_UNKNOWN_PROVINCE',
      message: `province prefix ${parsed.provinceCode} is not a known province code`
    })
  }
  if (facts.birthDate !== undefined) {
    const date = parseVnDate(facts.birthDate)
    if (date.ok) {
      const year = Number(date.iso.slice(0, 4))
      const century = Math.floor(year / 100) * 100
      if (century !== parsed.century) {
        warnings.push({
          code: 'LT_WARN_ID_CENTURY_MISMATCH',
          message: `id century digit ${parsed.centuryDigit} means ${parsed.century}s, birth date is ${date.iso}`
        })
      }
      if (year % 100 !== Number(parsed.birthYearTwoDigits)) {
        warnings.push({
          code: 'LT_WARN_ID_BIRTH_YEAR_MISMATCH',
          message: `id year digits ${parsed.birthYearTwoDigits}, birth date is ${date.iso}`
        })
      }
    }
  }
  if ((facts.sex === 'male' || facts.sex === 'female') && facts.sex !== parsed.sex) {
    warnings.push({
      code: 'LT_WARN_ID_SEX_MISMATCH',
      message: `id century digit ${parsed.centuryDigit} means ${parsed.sex}, record says ${facts.sex}`
    })
  }
  return warnings
}
