// The closed set of named transforms a declarative mapping may use. Integrators register mappings
// as data, never code, so this list is the whole of what a mapping can do to a value.
import {
  normalizeName, parseVnDate, parseSex, parsePersonalId, parseCmnd, parseBhytNumber, loadAdminUnits,
  currentWardCode, parseLandPurposes, parseLandParcelId, parseCertificateSerial, ethnicityByCode,
  ethnicityByName, religionByCode, religionByName, parseBirthYear, parseBirthDate, isFutureDate, todayInVietnam
} from '../../schemas/vietnam/index.js'
import { LICENCE_STATUS_CODES, parseLicenceClass } from '../../schemas/vietnam/driver-licence-codes.js'
import { parseMoneyVnd } from '../../schemas/vietnam/money.js'
import {
  BENEFICIARY_CATEGORY_CODES, BENEFICIARY_END_REASON_WORDS, BENEFICIARY_PROGRAMME_CODES, BENEFICIARY_STATUS_WORDS,
  lookupCode, parsePercent
} from '../../schemas/vietnam/beneficiary-codes.js'
import {
  asciiDocumentKey,
  BENEFIT_STATUS_CODES,
  decisionNumberOfKey
} from '../../schemas/vietnam/unemployment-codes.js'
import {
  ENROLMENT_STATUS_WORDS,
  GUARDIAN_RELATION_WORDS,
  SCHOOL_LEVEL_CODES
} from '../../schemas/vietnam/student-codes.js'
import { contractKind, NOTARY_STATUS_LABELS } from '../../schemas/vietnam/notary-codes.js'
import {
  BUILDING_TYPE_LABELS, INSPECTION_RESULT_LABELS, lookUpLabel, PERMIT_STATUS_LABELS, PERMIT_TYPE_LABELS
} from '../../schemas/vietnam/construction-permit-codes.js'
import {
  CIVIL_SERVANT_CATEGORY_CODES,
  CIVIL_SERVANT_SEX_CODES,
  CIVIL_SERVANT_STATUS_CODES
} from '../../schemas/vietnam/civil-servant-codes.js'
import {
  ASSET_TYPE_CODES,
  CONDITION_CODES,
  NETWORK_CODES,
  labelKey
} from '../../schemas/vietnam/infrastructure-codes.js'
import { parseWkt } from '../../schemas/geo/wkt.js'
import { bboxOf } from '../../schemas/geo/bbox.js'

export type TransformResult =
  | { ok: true, value: unknown, warning?: { code: string, message: string } }
  | { ok: false, code: string, message: string }
type Transform = (value: unknown) => TransformResult

const ok = (value: unknown): TransformResult => ({ ok: true, value })
const bad = (code: string, message: string): TransformResult => ({ ok: false, code, message })
const text = (v: unknown): string => typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''
const fromParser = <R extends { ok: boolean }>(
  parse: (s: string) => R, pick: (r: R & { ok: true }) => unknown
) => (v: unknown): TransformResult => {
  const r = parse(text(v))
  return r.ok
    ? ok(pick(r as R & { ok: true }))
    : bad((r as unknown as { code: string }).code, (r as unknown as { message: string }).message)
}
/** A code written as a label, looked up in a table of labels (case and spacing folded); unknown is refused. */
const label = (table: Readonly<Record<string, string>>, v: unknown, code: string, what: string): TransformResult => {
  const value = lookUpLabel(table, text(v))
  return value !== undefined ? ok(value) : bad(code, `unknown ${what}: ${text(v)}`)
}
// A value looked up in a code table of a source export; an unknown code is refused, never guessed.
const fromTable = (table: Readonly<Record<string, string>>, code: string, what: string): Transform => v => {
  const value = table[text(v).normalize('NFC').trim()]
  return value !== undefined ? ok(value) : bad(code, `unknown ${what}: ${text(v)}`)
}
const namePart = (part: 'full' | 'family' | 'middle' | 'given'): Transform => v => {
  const n = normalizeName(text(v))
  return n.given === '' ? bad('LT_ERR_NAME', 'empty name') : ok(n[part])
}

/** A transform that looks a code up in a table and refuses one it does not list. */
function codeTable (table: Readonly<Record<string, string>>, code: string, what: string, words: boolean): Transform {
  return v => {
    const found = lookupCode(table, text(v), words)
    return found !== undefined ? ok(found) : bad(code, `unknown ${what} code: ${text(v)}`)
  }
}

export const transforms = {
  trim: v => ok(text(v).trim()),
  nfc: v => ok(text(v).normalize('NFC')),
  upper: v => ok(text(v).toLocaleUpperCase('vi')),
  lower: v => ok(text(v).toLocaleLowerCase('vi')),
  string: v => (typeof v === 'string' || typeof v === 'number')
    ? ok(String(v).normalize('NFC').trim())
    : bad('LT_ERR_TYPE', 'not a string'),
  number: v => {
    const n = typeof v === 'number' ? v : Number(text(v).replace(',', '.'))
    return Number.isFinite(n) && text(v) !== '' ? ok(n) : bad('LT_ERR_NUMBER', `not a number: ${text(v)}`)
  },
  integer: v => {
    const n = typeof v === 'number' ? v : Number(text(v))
    return Number.isInteger(n) && text(v) !== '' ? ok(n) : bad('LT_ERR_INTEGER', `not an integer: ${text(v)}`)
  },
  boolean: v => typeof v === 'boolean'
    ? ok(v)
    : ['true', '1', 'co', 'có'].includes(text(v).toLowerCase())
      ? ok(true)
      : ['false', '0', 'khong', 'không'].includes(text(v).toLowerCase())
        ? ok(false)
        : bad('LT_ERR_BOOLEAN', `not a boolean: ${text(v)}`),
  'name.full': namePart('full'),
  'name.family': namePart('family'),
  'name.middle': namePart('middle'),
  'name.given': namePart('given'),
  date: fromParser(parseVnDate, r => r.iso),
  // A birth in the future is an error (the record goes to dead letters); any other date of something
  // that has happened (a death, an issue or registration date) is kept with a warning.
  'birth-date': fromParser(s => parseBirthDate(s), r => r.iso),
  'past-date': v => {
    const r = parseVnDate(text(v))
    if (!r.ok) return bad(r.code, r.message)
    return isFutureDate(r.iso)
      ? {
        ok: true,
        value: r.iso,
        warning: {
          code: 'LT_WARN_DATE_FUTURE',
          message: `${r.iso} is in the future (today in Vietnam is ${todayInVietnam()})`
        }
      }
      : ok(r.iso)
  },
  'birth-year': v => { const r = parseBirthYear(text(v)); return r.ok ? ok(r.year) : bad(r.code, r.message) },
  datetime: v => {
    const t = Date.parse(text(v))
    return Number.isNaN(t) ? bad('LT_ERR_DATETIME', `not a date-time: ${text(v)}`) : ok(new Date(t).toISOString())
  },
  sex: v => { const r = parseSex(v as string); return r.ok ? ok(r.sex) : bad(r.code, r.message) },
  'personal-id': fromParser(parsePersonalId, r => r.value),
  cmnd: fromParser(parseCmnd, r => r.value),
  'bhyt-number': fromParser(parseBhytNumber, r => r.value),
  'social-insurance-number': fromParser(parseBhytNumber, r => r.socialInsuranceNumber),
  'ward-code': v => {
    const code = text(v).trim()
    if (!/^\d{5}$/.test(code)) return bad('LT_ERR_WARD_CODE', `not a 5-digit ward code: ${code}`)
    const current = currentWardCode(code, loadAdminUnits())
    if (current === undefined) {
      return {
        ok: true,
        value: code,
        warning: { code: 'LT_WARN_WARD_UNMAPPED', message: `ward ${code} is not in the 2025 mapping table; kept as is` }
      }
    }
    return current.partial
      ? {
        ok: true,
        value: current.code,
        warning: { code: 'LT_WARN_WARD_PARTIAL', message: `old ward ${code} was split; mapped to ${current.code}` }
      }
      : ok(current.code)
  },
  'land-purposes': fromParser(parseLandPurposes, r => r.purposes.map(p => p.code)),
  'parcel-id': fromParser(parseLandParcelId, r => r.id),
  'certificate-serial': fromParser(parseCertificateSerial, r => r.value),
  ethnicity: v => {
    const e = ethnicityByCode(text(v)) ?? ethnicityByName(text(v))
    return e !== undefined ? ok(e.code) : bad('LT_ERR_ETHNICITY', `unknown ethnicity: ${text(v)}`)
  },
  // Driver licences: the class a card's printed class counts as today, the printed class only when
  // it differs (else left out), and the export's status codes (schemas/vietnam/driver-licence-codes.ts).
  'licence-class': v => { const r = parseLicenceClass(text(v)); return r.ok ? ok(r.current) : bad(r.code, r.message) },
  'licence-class-printed': v => {
    const r = parseLicenceClass(text(v))
    return r.ok ? ok(r.printed) : bad(r.code, r.message)
  },
  'licence-status': v => {
    const status = LICENCE_STATUS_CODES[text(v).trim().toUpperCase()]
    return status !== undefined ? ok(status) : bad('LT_ERR_LICENCE_STATUS', `unknown licence status code: ${text(v)}`)
  },
  // Money as written ("1.850.000", "1.850.000 đ" or a number) to integer đồng (schemas/vietnam/money.ts).
  'money-vnd': v => { const r = parseMoneyVnd(v); return r.ok ? ok(r.value) : bad(r.code, r.message) },
  // Unemployment benefits: the decision key in ASCII, the decision number without the year the job
  // centre appends, and its status codes (schemas/vietnam/unemployment-codes.ts).
  'document-key': v => text(v).trim() === '' ? bad('LT_ERR_TYPE', 'empty key') : ok(asciiDocumentKey(text(v))),
  'decision-number': v => text(v).trim() === ''
    ? bad('LT_ERR_TYPE', 'empty decision number')
    : ok(decisionNumberOfKey(text(v))),
  'benefit-status': v => {
    const code = BENEFIT_STATUS_CODES[text(v).trim().toLowerCase()]
    return code !== undefined
      ? ok(code.status)
      : bad('LT_ERR_BENEFIT_STATUS', `unknown benefit status code: ${text(v)}`)
  },
  'benefit-end-reason': v => {
    const code = BENEFIT_STATUS_CODES[text(v).trim().toLowerCase()]
    return code !== undefined
      ? ok(code.endReason)
      : bad('LT_ERR_BENEFIT_STATUS', `unknown benefit status code: ${text(v)}`)
  },
  // Students (giao-duc): school level, guardian relation and enrolment status (schemas/vietnam/student-codes.ts).
  'school-level': fromTable(SCHOOL_LEVEL_CODES, 'LT_ERR_SCHOOL_LEVEL', 'school level'),
  'guardian-relation': fromTable(GUARDIAN_RELATION_WORDS, 'LT_ERR_GUARDIAN_RELATION', 'guardian relation'),
  'enrolment-status': fromTable(ENROLMENT_STATUS_WORDS, 'LT_ERR_ENROLMENT_STATUS', 'enrolment status'),
  // Notarizations: the register's contract and status labels (schemas/vietnam/notary-codes.ts).
  'notarization-type': v => {
    const kind = contractKind(text(v))
    return kind !== undefined ? ok(kind.type) : bad('LT_ERR_NOTARIZATION_TYPE', `unknown contract label: ${text(v)}`)
  },
  'notarization-status': v => {
    const status = NOTARY_STATUS_LABELS[text(v).normalize('NFC').trim()]
    return status !== undefined
      ? ok(status)
      : bad('LT_ERR_NOTARIZATION_STATUS', `unknown notarization status: ${text(v)}`)
  },
  // Construction permits (xay-dung): codes written as Vietnamese labels (schemas/vietnam/construction-permit-codes.ts).
  'permit-type': v => label(PERMIT_TYPE_LABELS, v, 'LT_ERR_PERMIT_TYPE', 'permit type'),
  'building-type': v => label(BUILDING_TYPE_LABELS, v, 'LT_ERR_BUILDING_TYPE', 'building type'),
  'permit-status': v => label(PERMIT_STATUS_LABELS, v, 'LT_ERR_PERMIT_STATUS', 'permit status'),
  'inspection-result': v => label(INSPECTION_RESULT_LABELS, v, 'LT_ERR_INSPECTION_RESULT', 'inspection result'),
  // Civil servants (noi-vu): category letters and status words (schemas/vietnam/civil-servant-codes.ts).
  'civil-servant-category': fromTable(
    CIVIL_SERVANT_CATEGORY_CODES, 'LT_ERR_CIVIL_SERVANT_CATEGORY', 'civil-servant category'
  ),
  'civil-servant-status': fromTable(CIVIL_SERVANT_STATUS_CODES, 'LT_ERR_CIVIL_SERVANT_STATUS', 'civil-servant status'),
  'civil-servant-sex': fromTable(CIVIL_SERVANT_SEX_CODES, 'LT_ERR_SEX_CODE', 'sex code'),
  // Social beneficiaries (chinh-sach): the department's codes and words (schemas/vietnam/beneficiary-codes.ts).
  'beneficiary-programme': codeTable(BENEFICIARY_PROGRAMME_CODES, 'LT_ERR_BENEFICIARY_PROGRAMME', 'programme', false),
  'beneficiary-category': codeTable(BENEFICIARY_CATEGORY_CODES, 'LT_ERR_BENEFICIARY_CATEGORY', 'category', false),
  'beneficiary-status': codeTable(BENEFICIARY_STATUS_WORDS, 'LT_ERR_BENEFICIARY_STATUS', 'status', true),
  'beneficiary-end-reason': codeTable(
    BENEFICIARY_END_REASON_WORDS, 'LT_ERR_BENEFICIARY_END_REASON', 'end reason', true
  ),
  percent: v => {
    const n = parsePercent(v)
    return n !== undefined ? ok(n) : bad('LT_ERR_PERCENT', `not a whole percentage: ${text(v)}`)
  },
  religion: v => {
    const r = religionByCode(text(v)) ?? religionByName(text(v))
    return r !== undefined ? ok(r.code) : bad('LT_ERR_RELIGION', `unknown religion: ${text(v)}`)
  },
  // Urban infrastructure: WKT to a GeoJSON geometry, and its envelope (RFC 7946 bbox) for the bbox
  // filter (schemas/geo/); the GIS layer's Vietnamese labels (schemas/vietnam/infrastructure-codes.ts).
  'wkt-geometry': v => { const r = parseWkt(v); return r.ok ? ok(r.geometry) : bad(r.code, r.message) },
  'wkt-bbox': v => { const r = parseWkt(v); return r.ok ? ok(bboxOf(r.geometry.coordinates)) : bad(r.code, r.message) },
  'infrastructure-network': v => {
    const code = NETWORK_CODES[labelKey(text(v))]
    return code !== undefined ? ok(code) : bad('LT_ERR_INFRASTRUCTURE_NETWORK', `unknown network: ${text(v)}`)
  },
  'infrastructure-asset-type': v => {
    const code = ASSET_TYPE_CODES[labelKey(text(v))]
    return code !== undefined ? ok(code) : bad('LT_ERR_ASSET_TYPE', `unknown asset type: ${text(v)}`)
  },
  'infrastructure-condition': v => {
    const code = CONDITION_CODES[labelKey(text(v))]
    return code !== undefined ? ok(code) : bad('LT_ERR_ASSET_CONDITION', `unknown condition: ${text(v)}`)
  }
} satisfies Record<string, Transform>

export type TransformName = keyof typeof transforms
export const transformNames = Object.keys(transforms) as TransformName[]
