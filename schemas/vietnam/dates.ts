import { fail, type Failure } from './result.js'

export type DateErrorCode = 'LT_ERR_DATE_FORMAT' | 'LT_ERR_DATE_INVALID' | 'LT_ERR_DATE_FUTURE'
export type VnDateResult = { ok: true, iso: string } | Failure<DateErrorCode>
export type BirthYearResult = { ok: true, year: number } | Failure<DateErrorCode>

// Dates outside this window in citizen data are typing errors, not people.
export const MIN_YEAR = 1900
export const MAX_YEAR = 2100

/** The year part of the raw-schema date patterns (connectors/runner/date-patterns.ts): marks a date pattern. */
export const DATE_PATTERN_YEAR = '(?:19\\d{2}|20\\d{2}|2100)'

// ddMMyyyy is the chip-card QR format; d/M/yyyy and dd-MM-yyyy come from spreadsheets and forms.
const DAY_FIRST = [
  /^(\d{2})(\d{2})(\d{4})$/,
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  /^(\d{1,2})-(\d{1,2})-(\d{4})$/
]
// yyyyMMdd is the driver-licensing export's layout (docs/sources/driver-licence.md). It never reads
// the same digits as ddMMyyyy: a ddMMyyyy date ends in a year 19xx-2100, which as MM would be no month,
// so 8 digits whose 5th-6th are not 19, 20 or 21 are read year first.
const YEAR_FIRST_COMPACT = /^(\d{4})(\d{2})(\d{2})$/
// The time part of an ISO datetime is dropped as written, without a timezone shift: sources
// store a local calendar date with a midnight time, and shifting would move it a day.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

export function isLeapYear (year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth (year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function pad (n: number, width: number): string {
  return String(n).padStart(width, '0')
}

function build (year: number, month: number, day: number, raw: string): VnDateResult {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail('LT_ERR_DATE_INVALID', `year ${year} outside ${MIN_YEAR}-${MAX_YEAR} in "${raw}"`)
  }
  if (month < 1 || month > 12) return fail('LT_ERR_DATE_INVALID', `month ${month} does not exist in "${raw}"`)
  if (day < 1 || day > daysInMonth(year, month)) {
    return fail('LT_ERR_DATE_INVALID', `day ${day} does not exist in ${pad(month, 2)}/${year} ("${raw}")`)
  }
  return { ok: true, iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` }
}

export function parseVnDate (s: string): VnDateResult {
  const raw = typeof s === 'string' ? s.trim() : ''
  const iso = ISO.exec(raw)
  if (iso) return build(Number(iso[1]), Number(iso[2]), Number(iso[3]), raw)
  const compact = YEAR_FIRST_COMPACT.exec(raw)
  if (compact !== null && !/^(19|20|21)$/.test(raw.slice(4, 6))) {
    return build(Number(compact[1]), Number(compact[2]), Number(compact[3]), raw)
  }
  for (const re of DAY_FIRST) {
    const m = re.exec(raw)
    if (m) return build(Number(m[3]), Number(m[2]), Number(m[1]), raw)
  }
  return fail('LT_ERR_DATE_FORMAT', `"${raw}" is not ddMMyyyy, yyyyMMdd, dd/MM/yyyy, dd-MM-yyyy or yyyy-MM-dd`)
}

// Civil-status records often hold only a parent's birth year; a full date is also accepted.
export function parseBirthYear (s: string | number): BirthYearResult {
  const raw = typeof s === 'number' ? String(s) : typeof s === 'string' ? s.trim() : ''
  if (/^\d{4}$/.test(raw)) {
    const year = Number(raw)
    if (year < MIN_YEAR || year > MAX_YEAR) {
      return fail('LT_ERR_DATE_INVALID', `year ${year} outside ${MIN_YEAR}-${MAX_YEAR}`)
    }
    return { ok: true, year }
  }
  const date = parseVnDate(raw)
  if (!date.ok) return date
  return { ok: true, year: Number(date.iso.slice(0, 4)) }
}

/** Today's calendar date in Vietnam (UTC+07:00, no daylight saving), as yyyy-MM-dd. */
export function todayInVietnam (now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
}

/** An ISO date (yyyy-MM-dd) later than today in Vietnam: a typing error for anything that has happened. */
export function isFutureDate (iso: string, now: Date = new Date()): boolean {
  return iso > todayInVietnam(now)
}

/** A birth date: as parseVnDate, and not after today in Vietnam (nobody is born in the future). */
export function parseBirthDate (s: string, now: Date = new Date()): VnDateResult {
  const date = parseVnDate(s)
  if (!date.ok || !isFutureDate(date.iso, now)) return date
  return fail(
    'LT_ERR_DATE_FUTURE', `birth date ${date.iso} is in the future (today in Vietnam is ${todayInVietnam(now)})`
  )
}
