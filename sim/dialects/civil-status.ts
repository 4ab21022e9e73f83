// Civil status (hộ tịch): Vietnamese snake_case fields, upper-case names, ddMMyyyy dates,
// 'Nam'/'Nữ'. The authoritative source for identity; its records never disagree with the truth.
import type { HouseholdTruth } from '../city/household.js'
import { recordTimes } from '../city/time.js'
import type { TruthPerson } from '../city/truth.js'
import { changedAt, ddMMyyyy, upperVi, type RenderContext } from './format.js'

export interface CivilStatusRecord {
  so_dinh_danh: string
  so_cmnd?: string
  ho_va_ten: string
  ngay_sinh: string
  gioi_tinh: 'Nam' | 'Nữ'
  noi_sinh: string
  dan_toc: string
  ton_giao?: string
  quoc_tich: string
  so_dinh_danh_cha?: string
  so_dinh_danh_me?: string
  so_dinh_danh_vo_chong?: string
  ngay_mat?: string
  ngay_tao?: string
  ngay_cap_nhat: string
  da_xoa?: boolean
}

export interface MarriageRecord {
  so_dang_ky: string
  ngay_dang_ky: string
  noi_dang_ky: string
  so_dinh_danh_chong: string
  ho_ten_chong: string
  so_dinh_danh_vo: string
  ho_ten_vo: string
  ngay_tao: string
  ngay_cap_nhat: string
  da_xoa?: boolean
}

export const CIVIL_STATUS_CLOCK = { systemStart: '2016-01-01', migration: '2020-07-01T00:00:00.000Z' }

export function civilStatusPerson (p: TruthPerson, ctx: RenderContext): CivilStatusRecord {
  const times = recordTimes(ctx.style, p.birthDate, CIVIL_STATUS_CLOCK.systemStart, CIVIL_STATUS_CLOCK.migration,
    ctx.asOf)
  const r: CivilStatusRecord = {
    so_dinh_danh: p.personalId,
    ho_va_ten: upperVi(p.fullName),
    ngay_sinh: ddMMyyyy(p.birthDate),
    gioi_tinh: p.sex === 'male' ? 'Nam' : 'Nữ',
    noi_sinh: p.birthPlace,
    dan_toc: p.ethnicityCode,
    ton_giao: p.religionCode,
    quoc_tich: p.nationality,
    ngay_tao: times.createdAt,
    ngay_cap_nhat: times.updatedAt
  }
  if (p.legacyId !== undefined) r.so_cmnd = p.legacyId
  if (p.fatherId !== undefined) r.so_dinh_danh_cha = p.fatherId
  if (p.motherId !== undefined) r.so_dinh_danh_me = p.motherId
  if (p.spouseId !== undefined) r.so_dinh_danh_vo_chong = p.spouseId
  if (p.deathDate !== undefined) {
    r.ngay_mat = ddMMyyyy(p.deathDate)
    const diedAt = changedAt(ctx.style, p.deathDate, ctx.asOf)
    if (diedAt > r.ngay_cap_nhat) r.ngay_cap_nhat = diedAt
  }
  return r
}

export function renderCivilStatus (h: HouseholdTruth, ctx: RenderContext): void {
  for (const p of h.persons) {
    const invalid = ctx.inject.shouldInvalidate()
    const record = civilStatusPerson(p, ctx) as unknown as Record<string, unknown>
    if (invalid) {
      ctx.inject.invalidate(record, 'civil-status', 'cong-dan', 'so_dinh_danh', p.personalId,
        { id: 'so_dinh_danh', date: 'ngay_sinh', badDate: y => `3102${y}`, required: 'ho_va_ten' })
    }
    ctx.write('civil-status', 'cong-dan', record)
  }
  const byId = new Map(h.persons.map(p => [p.personalId, p]))
  for (const m of h.marriages) {
    const husband = byId.get(m.husbandId) as TruthPerson
    const wife = byId.get(m.wifeId) as TruthPerson
    const invalid = ctx.inject.shouldInvalidate()
    const times = recordTimes(ctx.style, m.date, CIVIL_STATUS_CLOCK.systemStart, CIVIL_STATUS_CLOCK.migration, ctx.asOf)
    const record: Record<string, unknown> = {
      so_dang_ky: m.registrationNo,
      ngay_dang_ky: ddMMyyyy(m.date),
      noi_dang_ky: invalid ? m.wardCode : ctx.inject.wardCode({ wardCode: m.wardCode,
        oldWardCode: h.household.address.oldWardCode, line: '' }, 'civil-status', 'ket-hon', m.registrationNo,
        m.registrationNo),
      so_dinh_danh_chong: husband.personalId,
      ho_ten_chong: upperVi(husband.fullName),
      so_dinh_danh_vo: wife.personalId,
      ho_ten_vo: upperVi(wife.fullName),
      ngay_tao: times.createdAt,
      ngay_cap_nhat: times.updatedAt
    }
    if (invalid) {
      ctx.inject.invalidate(record, 'civil-status', 'ket-hon', 'so_dang_ky', m.registrationNo,
        { id: 'so_dinh_danh_chong', date: 'ngay_dang_ky', badDate: y => `3102${y}`, required: 'ho_ten_vo' })
    }
    ctx.write('civil-status', 'ket-hon', record)
  }
}
