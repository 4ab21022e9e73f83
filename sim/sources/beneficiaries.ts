// Social affairs (chinh-sach): people with merit and social-protection beneficiaries, as the
// department's case-management system exports them: PascalCase Vietnamese, ddMMyyyy dates, amounts as
// text with dot thousands separators, its own category codes, CMND for older files. Deaths reach it
// late: a share of beneficiaries who died in civil status are still paid here, which the hub must
// raise as a signal (truth: source-conflict won by civil status).
import type { HouseholdTruth } from '../city/household.js'
import type { TruthPerson } from '../city/truth.js'
import { addDays, addYears, ageAt, randomDate, yearOf } from '../city/time.js'
import { changedAt, ddMMyyyy, slashed } from '../dialects/format.js'
import type { SourceContext } from './context.js'

// The department's own codes for the categories (not the schema's names).
const CATEGORY_CODE = { 'elderly-80-plus': 'BT-NCT80', 'war-invalid': 'NCC-TB', 'severe-disability': 'BT-KTN' } as const
type Category = keyof typeof CATEGORY_CODE
const STATUS_WORD = { active: 'Đang hưởng', ended: 'Thôi hưởng' } as const

// Standard social-assistance level since 1 July 2024 (Decree 76/2024/NĐ-CP, docs/sources).
const STANDARD = 500_000

const dotted = (n: number): string => n.toLocaleString('de-DE')
const monthStart = (iso: string): string => `${iso.slice(0, 7)}-01`
const nextMonthStart = (iso: string): string => monthStart(addDays(`${iso.slice(0, 7)}-28`, 5))

export function renderBeneficiaries (h: HouseholdTruth, index: number, ctx: SourceContext): void {
  for (const [k, p] of h.persons.entries()) {
    const category = categoryOf(p, ctx)
    if (category !== undefined) {
      renderOne(h, p, category, `HS${h.household.address.wardCode}-${String(index).padStart(6, '0')}${k}`, ctx)
    }
  }
}

function categoryOf (p: TruthPerson, ctx: SourceContext): Category | undefined {
  const at = p.deathDate ?? ctx.today
  const age = ageAt(p.birthDate, at)
  if (p.sex === 'male' && yearOf(p.birthDate) <= 1957 && ctx.style.chance(0.12)) return 'war-invalid'
  if (age >= 81 && ctx.style.chance(0.7)) return 'elderly-80-plus'
  if (age >= 18 && ctx.style.chance(0.004)) return 'severe-disability'
  return undefined
}

function renderOne (h: HouseholdTruth, p: TruthPerson, category: Category, key: string, ctx: SourceContext): void {
  const merit = category === 'war-invalid'
  const from = merit
    ? randomDate(ctx.style, `${Math.max(yearOf(p.birthDate) + 20, 1976)}-01-01`, '1999-12-31')
    : category === 'elderly-80-plus' ? nextMonthStart(addYears(p.birthDate, 80))
      : randomDate(ctx.style, '2015-01-01', ctx.today)
  const allowanceFrom = from < '2015-01-01' && !merit ? '2015-01-01' : monthStart(from)
  const decisionDate = addDays(allowanceFrom, -ctx.style.int(5, 25))
  const decisionNumber = `${ctx.style.int(10, 2999)}/QĐ-${merit ? 'SLĐTBXH' : 'UBND'}`
  const rate = merit ? ctx.style.int(21, 81) : undefined
  const amount = merit ? 1_000 * Math.round(2_789 * (rate as number) / 100 * 2) : category === 'severe-disability'
    ? STANDARD * 2 : STANDARD * 3 / 2
  // A file opened after its holder's death would be a different kind of error; the city has none.
  if (p.deathDate !== undefined && p.deathDate < allowanceFrom) return
  const died = p.deathDate !== undefined
  const unreported = died && ctx.chance(ctx.rates.unreportedDeath)
  const endedTo = died ? addDays(nextMonthStart(p.deathDate as string), -1) : undefined
  if (unreported) {
    ctx.truth({
      type: 'source-conflict', department: 'chinh-sach', key, entity: 'social-beneficiary', entityKey: key,
      field: 'status',
      values: { 'ho-tich': `died ${p.deathDate as string}`, 'chinh-sach': 'active' }, winner: 'ho-tich',
      explanation: 'the death was registered in civil status but never reported to social affairs: ' +
        'the allowance must end (and a funeral allowance be considered)'
    })
  }
  const ref = ctx.personRef(key, p.personalId, p.legacyId)
  const status = died && !unreported ? 'ended' : 'active'
  const record: Record<string, unknown> = {
    SoHoSo: key,
    HoTen: p.fullName,
    NgaySinh: ddMMyyyy(p.birthDate),
    [ref.legacy ? 'SoCMND' : 'SoDinhDanh']: ref.id,
    CheDo: merit ? 'NCC' : 'BTXH',
    MaDoiTuong: CATEGORY_CODE[category],
    ...(rate === undefined ? {} : { TyLeTonThuong: `${rate}%` }),
    SoQuyetDinh: decisionNumber,
    NgayQuyetDinh: slashed(decisionDate),
    MucHuong: dotted(amount),
    HuongTuNgay: ddMMyyyy(allowanceFrom),
    ...(status === 'ended' ? { HuongDenNgay: ddMMyyyy(endedTo as string), LyDoThoiHuong: 'Chết' } : {}),
    TrangThai: STATUS_WORD[status],
    DiaChi: h.household.address.line,
    MaXa: ctx.wardCode(key, h.household.address),
    NgayCapNhat: changedAt(ctx.style, status === 'ended' ? addDays(endedTo as string, 10) : allowanceFrom, ctx.asOf),
    Xoa: 0
  }
  if (ctx.shouldInvalidate()) {
    ctx.invalidate(record, key, [
      ['impossible-date', 'HuongTuNgay', r => { r.HuongTuNgay = `3102${yearOf(allowanceFrom)}` }],
      ['unknown-code', 'MaDoiTuong', r => { r.MaDoiTuong = 'XX' }],
      ['missing-required', 'SoQuyetDinh', r => { delete r.SoQuyetDinh }]
    ])
    ctx.write(record)
    return
  }
  ctx.canonical(key, {
    caseId: key,
    personalId: p.personalId,
    fullName: p.fullName,
    birthDate: p.birthDate,
    programme: merit ? 'merit' : 'social-protection',
    category,
    ...(rate === undefined ? {} : { disabilityRatePercent: rate }),
    decision: { number: decisionNumber, date: decisionDate },
    monthlyAllowanceVnd: amount,
    allowanceFrom,
    // The truth is what should be: a registered death ends the allowance whether or not it was reported.
    ...(died ? { allowanceTo: endedTo, endReason: 'death' } : {}),
    status: died ? 'ended' : 'active',
    address: { line: h.household.address.line, wardCode: h.household.address.wardCode }
  })
  ctx.write(record)
}
