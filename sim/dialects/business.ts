// Business household registration (hộ kinh doanh): Vietnamese camelCase fields, d/M/yyyy dates,
// owner names sometimes in decomposed Unicode (NFD), ward codes sometimes from before 2025.
import type { HouseholdTruth } from '../city/household.js'
import { recordTimes } from '../city/time.js'
import type { TruthPerson } from '../city/truth.js'
import { loose, type RenderContext } from './format.js'

export interface BusinessHouseholdRecord {
  soGiayChungNhan: string
  tenHoKinhDoanh: string
  chuHo: { hoTen: string, soDinhDanh?: string, soCmnd?: string, ngaySinh: string, gioiTinh: 'Nam' | 'Nữ' }
  diaChiKinhDoanh: { diaChi: string, maPhuongXa: string }
  maNganh: string
  nganhNghe: string
  vonKinhDoanh: number
  soLaoDong: number
  ngayDangKy: string
  trangThai: 'HOAT_DONG' | 'TAM_NGUNG'
  ngayCapNhat: string
  daXoa?: boolean
}

export const BUSINESS_CLOCK = { systemStart: '2018-01-01', migration: '2023-09-01T02:00:00.000Z' }

export function renderBusiness (h: HouseholdTruth, ctx: RenderContext): void {
  const byId = new Map(h.persons.map(p => [p.personalId, p]))
  for (const b of h.businesses) {
    const owner = byId.get(b.ownerId) as TruthPerson
    const key = b.registrationNo
    const invalid = ctx.inject.shouldInvalidate() && !ctx.inject.hasConflict(owner.personalId, 'business')
    const name = invalid ? owner.fullName : ctx.inject.value(owner, 'fullName', 'business', 'ho-kinh-doanh', key)
    const legacy = !invalid && ctx.inject.legacyOnly(owner, 'business', 'ho-kinh-doanh', key)
    const times = recordTimes(ctx.style, b.registeredOn, BUSINESS_CLOCK.systemStart, BUSINESS_CLOCK.migration, ctx.asOf)
    const record: BusinessHouseholdRecord = {
      soGiayChungNhan: b.registrationNo,
      tenHoKinhDoanh: ctx.style.chance(0.3) ? b.name.normalize('NFD') : b.name,
      chuHo: {
        hoTen: ctx.style.chance(0.3) ? name.normalize('NFD') : name,
        ...(legacy ? { soCmnd: owner.legacyId } : { soDinhDanh: owner.personalId }),
        ngaySinh: loose(owner.birthDate),
        gioiTinh: owner.sex === 'male' ? 'Nam' : 'Nữ'
      },
      diaChiKinhDoanh: {
        diaChi: b.address,
        maPhuongXa: invalid ? b.wardCode
          : ctx.inject.wardCode(owner.permanentAddress, 'business', 'ho-kinh-doanh', key, key)
      },
      maNganh: b.sectorCode,
      nganhNghe: b.sector,
      vonKinhDoanh: b.capitalVnd,
      soLaoDong: b.employees,
      ngayDangKy: loose(b.registeredOn),
      trangThai: b.status === 'active' ? 'HOAT_DONG' : 'TAM_NGUNG',
      ngayCapNhat: times.updatedAt
    }
    const raw = record as unknown as Record<string, unknown>
    if (invalid) {
      ctx.inject.invalidate(raw, 'business', 'ho-kinh-doanh', 'soGiayChungNhan', key,
        { id: 'chuHo.soDinhDanh', date: 'ngayDangKy', badDate: y => `31/2/${y}`, required: 'tenHoKinhDoanh' })
    }
    ctx.write('business', 'ho-kinh-doanh', raw)
  }
}
