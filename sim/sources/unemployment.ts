// Employment services (viec-lam): unemployment-benefit decisions as the job centre's web system
// serves them: camelCase names, d/M/yyyy dates without leading zeros, amounts as numbers, the decision
// number as key. Recipients are insured workers of working age.
import type { HouseholdTruth } from '../city/household.js'
import type { TruthPerson } from '../city/truth.js'
import { addDays, ageAt, randomDate, yearOf } from '../city/time.js'
import { changedAt, loose } from '../dialects/format.js'
import type { SourceContext } from './context.js'

const CENTRE = { code: 'TTDVVL-CT', name: 'Trung tâm Dịch vụ việc làm thành phố Cần Thơ' }

function addMonths (iso: string, months: number): string {
  const y = yearOf(iso) + Math.floor((Number(iso.slice(5, 7)) - 1 + months) / 12)
  const m = (Number(iso.slice(5, 7)) - 1 + months) % 12 + 1
  const d = Math.min(Number(iso.slice(8, 10)), 28)
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function renderUnemployment (h: HouseholdTruth, index: number, ctx: SourceContext): void {
  for (const [k, p] of h.persons.entries()) {
    if (p.deathDate !== undefined || p.socialInsuranceNumber === undefined) continue
    const age = ageAt(p.birthDate, ctx.today)
    if (age < 20 || age > 58 || !ctx.style.chance(0.03)) continue
    renderOne(p, index * 16 + k, ctx)
  }
}

function renderOne (p: TruthPerson, serial: number, ctx: SourceContext): void {
  const decisionDate = randomDate(ctx.style, addDays(ctx.today, -400), addDays(ctx.today, -5))
  // Unique up to 10^7 decisions a year: keys of a large city must not collide.
  const number = `${1 + serial % 9_999_999}/QĐ-SNV`
  const key = `${number}-${yearOf(decisionDate)}`
  const months = ctx.style.int(3, 7)
  const periodFrom = addDays(decisionDate, ctx.style.int(5, 15))
  const periodTo = addDays(addMonths(periodFrom, months), -1)
  const amount = 1000 * Math.round(0.6 * ctx.style.int(5_000, 12_000))
  const foundWork = periodTo >= ctx.today && ctx.style.chance(0.15)
  const endedOn = foundWork ? randomDate(ctx.style, periodFrom, ctx.today) : undefined
  const status = foundWork ? 'ended' : periodTo < ctx.today ? 'ended' : 'active'
  const ref = ctx.personRef(key, p.personalId, p.legacyId)
  const ssn = p.socialInsuranceNumber as string
  let ssnWritten = ssn
  const invalid = ctx.shouldInvalidate()
  if (!invalid && ctx.chance(ctx.rates.conflict)) {
    // One digit off: the number was copied from the worker's booklet by hand.
    const at = ctx.injection.int(2, 9)
    ssnWritten = `${ssn.slice(0, at)}${(Number(ssn[at]) + 1) % 10}${ssn.slice(at + 1)}`
    ctx.truth({
      type: 'source-conflict', department: 'viec-lam', key, entity: 'unemployment-benefit', entityKey: key,
      field: 'socialInsuranceNumber',
      values: { bhyt: ssn, 'viec-lam': ssnWritten }, winner: 'bhyt',
      explanation: 'the social-insurance number was copied by hand; social insurance holds the number'
    })
  }
  const record: Record<string, unknown> = {
    soQuyetDinh: key,
    hoTen: p.fullName,
    [ref.legacy ? 'cmnd' : 'cccd']: ref.id,
    soSoBhxh: ssnWritten,
    ngayQuyetDinh: loose(decisionDate),
    tuNgay: loose(periodFrom),
    denNgay: loose(periodTo),
    soThang: months,
    mucHuong: amount,
    trungTam: CENTRE.name,
    trangThai: status === 'active' ? 'dang_huong' : foundWork ? 'cham_dut_co_viec_lam' : 'het_han',
    ...(endedOn === undefined ? {} : { ngayChamDut: loose(endedOn) }),
    updated: changedAt(ctx.style, endedOn ?? decisionDate, ctx.asOf),
    deleted: false
  }
  if (invalid) {
    ctx.invalidate(record, key, [
      ['impossible-date', 'tuNgay', r => { r.tuNgay = `30/2/${yearOf(periodFrom)}` }],
      ['missing-required', 'mucHuong', r => { delete r.mucHuong }],
      ['unknown-code', 'soThang', r => { r.soThang = 0 }]
    ])
    ctx.write(record)
    return
  }
  ctx.canonical(key, {
    benefitId: key.replaceAll('/', '-').replaceAll('Đ', 'D'),
    personalId: p.personalId,
    socialInsuranceNumber: p.socialInsuranceNumber,
    fullName: p.fullName,
    decision: { number, date: decisionDate, issuer: 'Sở Nội vụ thành phố Cần Thơ' },
    periodFrom,
    periodTo,
    months,
    monthlyAmountVnd: amount,
    jobCentre: CENTRE,
    status,
    ...(status === 'ended' ? { endReason: foundWork ? 'found-work' : 'period-ended' } : {}),
    ...(endedOn === undefined ? {} : { endedOn })
  })
  ctx.write(record)
}
