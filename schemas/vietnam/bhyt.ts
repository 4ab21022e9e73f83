import { fail, type Failure } from './result.js'

// Health insurance (BHYT) numbers. Older cards: 15 characters XX Y ZZ NNNNNNNNNN (group, benefit
// level, province, social-insurance number). Cards since April 2021 show only the 10-digit
// social-insurance number, which therefore is the stable key linking a person's cards.

// Beneficiary groups named in the project reference. The official list is longer, so an
// unlisted group still parses, with groupKnown: false, rather than being rejected.
export const BHYT_GROUP_CODES: readonly string[] = [
  'DN', 'HX', 'CH', 'NN', 'TK', 'HC', 'XK', 'HT', 'TB', 'CC', 'CK',
  'CB', 'TE', 'HN', 'CN', 'HS', 'SV', 'GD', 'QN', 'CA', 'CY'
]

export type BhytCard15 = {
  kind: 'card15'
  value: string // normalised: upper case, no spaces
  groupCode: string
  groupKnown: boolean
  benefitLevel: 1 | 2 | 3 | 4 | 5
  provinceCode: string
  socialInsuranceNumber: string
}
export type BhytSsn10 = {
  kind: 'ssn10'
  value: string
  provinceCode: string
  socialInsuranceNumber: string
}
export type BhytNumber = BhytCard15 | BhytSsn10
export type BhytErrorCode = 'LT_ERR_BHYT_FORMAT' | 'LT_ERR_BHYT_BENEFIT_LEVEL'
export type BhytResult = ({ ok: true } & BhytCard15) | ({ ok: true } & BhytSsn10) | Failure<BhytErrorCode>

export function parseBhytNumber (s: string): BhytResult {
  const value = typeof s === 'string' ? s.replace(/\s+/g, '').toUpperCase() : ''
  if (/^\d{10}$/.test(value)) {
    return { ok: true, kind: 'ssn10', value, provinceCode: value.slice(0, 2), socialInsuranceNumber: value }
  }
  const m = /^([A-Z]{2})(\d)(\d{2})(\d{10})$/.exec(value)
  if (!m) {
    return fail(
      'LT_ERR_BHYT_FORMAT', `BHYT number must be 15 characters (2 letters + 13 digits) or 10 digits, got "${String(s)}"`
    )
  }
  const level = Number(m[2])
  if (level < 1 || level > 5) {
    return fail('LT_ERR_BHYT_BENEFIT_LEVEL', `benefit level ${level} is not 1-5 in "${value}"`)
  }
  const groupCode = m[1] as string
  return {
    ok: true,
    kind: 'card15',
    value,
    groupCode,
    groupKnown: BHYT_GROUP_CODES.includes(groupCode),
    benefitLevel: level as BhytCard15['benefitLevel'],
    provinceCode: m[3] as string,
    socialInsuranceNumber: m[4] as string
  }
}

// The key to link a person's old and new cards; undefined when the input is not a BHYT number.
export function socialInsuranceNumberOf (card: string): string | undefined {
  const r = parseBhytNumber(card)
  return r.ok ? r.socialInsuranceNumber : undefined
}
