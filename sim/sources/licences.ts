// Driver licensing (gplx): the licensing system's export, UPPER_SNAKE names, yyyyMMdd dates, names in
// capitals (often without diacritics), classes of pre-2025 cards as printed (A1, A2, B2, C), points left.
// Its birth dates now and then disagree with civil status, which wins.
import type { HouseholdTruth } from '../city/household.js'
import { REGION_PROVINCE_CODE } from '../city/places.js'
import type { TruthPerson } from '../city/truth.js'
import { addDays, addYears, ageAt, randomDate, yearOf } from '../city/time.js'
import { changedAt, upperAscii, upperVi } from '../dialects/format.js'
import type { SourceContext } from './context.js'
import { LEGACY_TO_CURRENT } from './licence-classes.js'

const compact = (iso: string): string => iso.replaceAll('-', '')
const REFORM = '2025-01-01'
// Licensing moved from the transport department to the police on 1 March 2025 (docs/sources).
const authority = (issued: string): string => issued < '2025-03-01' ? 'Sở Giao thông vận tải thành phố Cần Thơ'
  : 'Công an thành phố Cần Thơ'

interface ClassGrant { printed: string, current: string, issueDate: string, expiryDate?: string }

export function renderLicences (h: HouseholdTruth, index: number, ctx: SourceContext): void {
  for (const [k, p] of h.persons.entries()) {
    if (p.deathDate !== undefined) continue
    const age = ageAt(p.birthDate, ctx.today)
    if (age < 18 || age > 75 || !ctx.style.chance(p.sex === 'male' ? 0.6 : 0.35)) continue
    // 12 digits: province, birth year, household (mod 10^6: a city of over a million households repeats), member.
    const number = `${REGION_PROVINCE_CODE[h.region]}${String(yearOf(p.birthDate) % 100).padStart(2, '0')}` +
      `${String(index % 1_000_000).padStart(6, '0')}${String(k).padStart(2, '0')}`
    renderOne(p, number, ctx)
  }
}

function grants (p: TruthPerson, ctx: SourceContext): ClassGrant[] {
  const from = addYears(p.birthDate, 18) > '1995-01-01' ? addYears(p.birthDate, 18) : '1995-01-01'
  const bike = randomDate(ctx.style, from, ctx.today)
  const bikePrinted = bike >= REFORM ? 'A1' : ctx.style.chance(0.1) ? 'A2' : 'A1'
  const out: ClassGrant[] =
    [{ printed: bikePrinted, current: LEGACY_TO_CURRENT[bikePrinted] as string, issueDate: bike }]
  if (ctx.style.chance(0.3)) {
    const car = randomDate(ctx.style, bike, ctx.today)
    const printed = car >= REFORM ? 'B' : ctx.style.chance(0.1) ? 'C' : 'B2'
    const current = LEGACY_TO_CURRENT[printed] ?? printed
    out.push({ printed, current, issueDate: car, expiryDate: addYears(car, current === 'C' ? 5 : 10) })
  }
  return out
}

function renderOne (p: TruthPerson, number: string, ctx: SourceContext): void {
  const classes = grants(p, ctx)
  const lastIssue = classes.map(c => c.issueDate).sort().at(-1) as string
  const points = ctx.style.chance(0.85) ? 12 : ctx.style.int(0, 11)
  const allExpired = classes.every(c => c.expiryDate !== undefined && c.expiryDate < ctx.today)
  const status = points === 0 ? 'suspended' : allExpired ? 'expired' : 'valid'
  const ref = ctx.personRef(number, p.personalId, p.legacyId)
  let birthWritten = p.birthDate
  const invalid = ctx.shouldInvalidate()
  if (!invalid && ctx.chance(ctx.rates.conflict)) {
    birthWritten = addDays(p.birthDate, ctx.pickInjection([1, -1, 365]))
    ctx.truth({
      type: 'source-conflict', department: 'gplx', key: number, entity: 'person', entityKey: p.personalId,
      field: 'birthDate',
      values: { 'ho-tich': p.birthDate, gplx: birthWritten }, winner: 'ho-tich',
      explanation: 'the birth date was typed from the applicant\'s form; civil status is authoritative'
    })
  }
  for (const c of classes) {
    if (c.printed !== c.current) {
      ctx.truth({ type: 'source-variant', kind: 'legacy-class', department: 'gplx', key: number, written: c.printed,
        canonical: c.current })
    }
  }
  const record: Record<string, unknown> = {
    SO_GPLX: number,
    HO_TEN: ctx.style.chance(0.5) ? upperAscii(p.fullName) : upperVi(p.fullName),
    NGAY_SINH: compact(birthWritten),
    [ref.legacy ? 'SO_CMND' : 'SO_CCCD']: ref.id,
    CAC_HANG: classes.map(c => ({ HANG: c.printed, NGAY_CAP: compact(c.issueDate),
      NGAY_HH: c.expiryDate === undefined ? '' : compact(c.expiryDate) })),
    NOI_CAP: authority(lastIssue),
    DIEM_CON_LAI: points,
    TINH_TRANG: { valid: 'HIEU_LUC', suspended: 'TAM_GIU', expired: 'HET_HAN' }[status],
    NGAY_CAP_NHAT: changedAt(ctx.style, lastIssue, ctx.asOf),
    XOA: 'N'
  }
  if (invalid) {
    ctx.invalidate(record, number, [
      ['id-11-digits', ref.legacy ? 'SO_CMND' : 'SO_CCCD',
        r => { const f = ref.legacy ? 'SO_CMND' : 'SO_CCCD'; r[f] = String(r[f]).slice(0, -1) }],
      ['unknown-code', 'CAC_HANG.0.HANG', r => { (r.CAC_HANG as Array<Record<string, unknown>>)[0].HANG = 'Z9' }],
      ['impossible-date', 'NGAY_SINH', r => { r.NGAY_SINH = `${yearOf(p.birthDate)}0230` }]
    ])
    ctx.write(record)
    return
  }
  ctx.canonical(number, {
    licenceNumber: number,
    holderPersonalId: p.personalId,
    fullName: p.fullName,
    birthDate: p.birthDate,
    classes: classes.map(c => ({
      class: c.current,
      ...(c.printed !== c.current ? { printedClass: c.printed } : {}),
      issueDate: c.issueDate,
      ...(c.expiryDate === undefined ? {} : { expiryDate: c.expiryDate })
    })),
    issuingAuthority: authority(lastIssue),
    issueDate: lastIssue,
    points,
    status
  })
  ctx.write(record)
}
