// Social-affairs (chinh-sach) code tables as data, for the mapping transforms
// (connectors/mapping/transforms.ts): the department's programme, category, status and end-reason
// words to the canonical names (docs/sources/social-beneficiary.md). A code not listed is refused,
// never guessed: a new category in the department's system needs a line here, not a default.
export const BENEFICIARY_PROGRAMME_CODES: Readonly<Record<string, string>> = {
  NCC: 'merit',
  BTXH: 'social-protection'
}

// The department's category codes (MaDoiTuong): NCC-* people with merit, BT-* social protection.
export const BENEFICIARY_CATEGORY_CODES: Readonly<Record<string, string>> = {
  'NCC-TB': 'war-invalid',
  'NCC-BB': 'sick-soldier',
  'NCC-CDHH': 'agent-orange',
  'NCC-TNLS': 'martyr-relative',
  'NCC-BMVNAH': 'heroic-mother',
  'BT-NCT80': 'elderly-80-plus',
  'BT-NCTN': 'elderly-poor',
  'BT-KTN': 'severe-disability',
  'BT-KTDBN': 'extreme-disability',
  'BT-TE': 'child-without-support'
}

// Status words (TrangThai) as the case-management system prints them, compared without case.
export const BENEFICIARY_STATUS_WORDS: Readonly<Record<string, string>> = {
  'đang hưởng': 'active',
  'tạm dừng': 'suspended',
  'thôi hưởng': 'ended'
}

// Why an allowance ended (LyDoThoiHuong).
export const BENEFICIARY_END_REASON_WORDS: Readonly<Record<string, string>> = {
  'chết': 'death',
  'chuyển đi': 'moved-away',
  'không còn đủ điều kiện': 'no-longer-eligible',
  'khác': 'other'
}

/** A code or word looked up in one of the tables above: NFC, trimmed, lower case for the words. */
export const lookupCode = (
  table: Readonly<Record<string, string>>, written: string, words = false
): string | undefined => {
  const key = written.normalize('NFC').trim()
  return table[words ? key.toLocaleLowerCase('vi') : key.toUpperCase()]
}

/** A rate written "41%" or "41" to the integer 41; undefined when it is not a whole percentage 0-100. */
export function parsePercent (written: unknown): number | undefined {
  const text = typeof written === 'number' ? String(written) : typeof written === 'string' ? written.trim() : ''
  const m = /^(\d{1,3})\s*%?$/.exec(text)
  const n = m === null ? NaN : Number(m[1])
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined
}
