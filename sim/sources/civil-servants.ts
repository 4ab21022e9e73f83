// Home affairs (noi-vu): the personnel database of the city's public bodies. snake_case names, ISO
// dates, sex as 1/0, category as CB/CC/VC, salary coefficient with a decimal comma. Birth dates were
// typed from personnel files and now and then have day and month swapped: civil status wins.
// The most sensitive of these sources (docs/sources/civil-servant.md): synthetic people only.
import type { HouseholdTruth } from '../city/household.js'
import { places } from '../city/places.js'
import type { TruthPerson } from '../city/truth.js'
import { ageAt, randomDate, yearOf, addYears } from '../city/time.js'
import { changedAt } from '../dialects/format.js'
import type { SourceContext } from './context.js'

const POSTS = [
  { category: 'civil-servant', code: 'CC', rank: { code: '01.003', name: 'Chuyên viên' },
    unit: (w: string) => `UBND ${w}`, position: 'Công chức Văn phòng - Thống kê' },
  { category: 'civil-servant', code: 'CC', rank: { code: '01.002', name: 'Chuyên viên chính' },
    unit: (w: string) => `UBND ${w}`, position: 'Trưởng phòng Kinh tế' },
  { category: 'public-employee', code: 'VC', rank: { code: 'V.07.03.29', name: 'Giáo viên tiểu học hạng III' },
    unit: (w: string) => `Trường Tiểu học ${w}`, position: undefined },
  { category: 'public-employee', code: 'VC', rank: { code: 'V.08.05.13', name: 'Điều dưỡng hạng IV' },
    unit: (w: string) => `Trạm Y tế ${w}`, position: undefined },
  { category: 'cadre', code: 'CB', rank: undefined, unit: (w: string) => `UBND ${w}`, position: 'Phó Chủ tịch UBND' }
] as const

export function renderCivilServants (h: HouseholdTruth, index: number, ctx: SourceContext): void {
  const unit = places().byCode.get(h.household.address.wardCode)?.unit
  const ward = unit === undefined ? 'thành phố Cần Thơ' : `${unit.kind === 'phuong' ? 'phường' : 'xã'} ${unit.name}`
  for (const [k, p] of h.persons.entries()) {
    if (p.deathDate !== undefined) continue
    const age = ageAt(p.birthDate, ctx.today)
    if (age < 23 || age > 59 || !ctx.style.chance(0.05)) continue
    renderOne(p, ward, `CT${String(index % 10_000_000).padStart(7, '0')}${k}`, ctx)
  }
}

function renderOne (p: TruthPerson, ward: string, key: string, ctx: SourceContext): void {
  const post = ctx.style.pick(POSTS)
  const recruitedOn = randomDate(ctx.style, addYears(p.birthDate, 22), ctx.today)
  const years = yearOf(ctx.today) - yearOf(recruitedOn)
  const step = Math.min(9, 1 + Math.floor(years / 3))
  const coefficient = post.rank === undefined ? undefined : Math.round((2.34 + 0.33 * (step - 1)) * 100) / 100
  let birthWritten = p.birthDate
  const invalid = ctx.shouldInvalidate()
  const [y, m, d] = p.birthDate.split('-') as [string, string, string]
  if (!invalid && Number(d) <= 12 && d !== m && ctx.chance(ctx.rates.conflict)) {
    birthWritten = `${y}-${d}-${m}`
    ctx.truth({
      type: 'source-conflict', department: 'noi-vu', key, entity: 'person', entityKey: p.personalId, field: 'birthDate',
      values: { 'ho-tich': p.birthDate, 'noi-vu': birthWritten }, winner: 'ho-tich',
      explanation: 'day and month were swapped when the personnel file was typed; civil status is authoritative'
    })
  }
  const ref = ctx.personRef(key, p.personalId, p.legacyId)
  const record: Record<string, unknown> = {
    ma_can_bo: key,
    ho_ten: p.fullName,
    ngay_sinh: birthWritten,
    gioi_tinh: p.sex === 'male' ? 1 : 0,
    [ref.legacy ? 'so_cmnd' : 'so_cccd']: ref.id,
    loai: post.code,
    don_vi: post.unit(ward),
    ...(post.position === undefined ? {} : { chuc_vu: post.position }),
    ...(post.rank === undefined ? {} : { ma_ngach: post.rank.code, ten_ngach: post.rank.name, bac_luong: step,
      he_so_luong: String(coefficient).replace('.', ',') }),
    ngay_tuyen_dung: recruitedOn,
    trang_thai: 'dang_cong_tac',
    ngay_cap_nhat: changedAt(ctx.style, recruitedOn, ctx.asOf),
    da_xoa: false
  }
  if (invalid) {
    ctx.invalidate(record, key, [
      ['impossible-date', 'ngay_sinh', r => { r.ngay_sinh = `${y}-02-30` }],
      ['unknown-code', 'loai', r => { r.loai = 'HD' }],
      ['missing-required', 'don_vi', r => { delete r.don_vi }]
    ])
    ctx.write(record)
    return
  }
  ctx.canonical(key, {
    staffCode: key,
    personalId: p.personalId,
    fullName: p.fullName,
    birthDate: p.birthDate,
    sex: p.sex,
    category: post.category,
    unit: { name: post.unit(ward) },
    ...(post.position === undefined ? {} : { position: post.position }),
    ...(post.rank === undefined ? {} : { rank: post.rank, salaryStep: step, salaryCoefficient: coefficient }),
    recruitedOn,
    status: 'serving'
  })
  ctx.write(record)
}
