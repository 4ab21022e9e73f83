// Land (đất đai): Vietnamese PascalCase fields, dd-MM-yyyy dates, parcel id
// <old commune>-<sheet>-<parcel>, certificate serial 'AA 05565655', holders named by their id
// document (sometimes only the old 9-digit CMND).
import type { HouseholdTruth } from '../city/household.js'
import { recordTimes } from '../city/time.js'
import type { TruthPerson } from '../city/truth.js'
import { dashed, type RenderContext } from './format.js'

export interface LandHolder { HoTen: string, LoaiGiayTo: 'CCCD' | 'CMND', SoGiayTo: string, NamSinh: number }

export interface LandParcelRecord {
  MaThua: string
  MaXaCu: string
  SoTo: number
  SoThua: number
  MaXa: string
  DiaChi: string
  DienTich: number
  MucDich: string
  GiayChungNhan: { SoPhatHanh: string, SoVaoSo: string, NgayCap: string, CoQuanCap: string }
  ChuSuDung: LandHolder[]
  NgayCapNhat: string
  DaXoa?: boolean
}

export const LAND_CLOCK = { systemStart: '2012-01-01', migration: '2019-03-15T01:00:00.000Z' }

export function renderLand (h: HouseholdTruth, ctx: RenderContext): void {
  const byId = new Map(h.persons.map(p => [p.personalId, p]))
  for (const parcel of h.parcels) {
    const key = parcel.parcelId
    const holders = parcel.holderIds.map(id => byId.get(id) as TruthPerson)
    const invalid = ctx.inject.shouldInvalidate() && !holders.some(p => ctx.inject.hasConflict(p.personalId, 'land'))
    const times = recordTimes(ctx.style, parcel.certificate.issuedOn, LAND_CLOCK.systemStart, LAND_CLOCK.migration,
      ctx.asOf)
    const record: LandParcelRecord = {
      MaThua: parcel.parcelId,
      MaXaCu: parcel.oldCommuneCode,
      SoTo: parcel.sheet,
      SoThua: parcel.parcel,
      MaXa: invalid ? parcel.wardCode : ctx.inject.wardCode({ wardCode: parcel.wardCode,
        oldWardCode: parcel.oldCommuneCode, line: '' }, 'land', 'thua-dat', key, key),
      DiaChi: parcel.address,
      DienTich: parcel.areaM2,
      MucDich: parcel.purposes.join('+'),
      GiayChungNhan: {
        SoPhatHanh: parcel.certificate.serial,
        SoVaoSo: parcel.certificate.registerNo,
        NgayCap: dashed(parcel.certificate.issuedOn),
        CoQuanCap: parcel.certificate.issuer
      },
      ChuSuDung: holders.map(p => {
        const legacy = !invalid && ctx.inject.legacyOnly(p, 'land', 'thua-dat', key)
        return {
          HoTen: invalid ? p.fullName : ctx.inject.value(p, 'fullName', 'land', 'thua-dat', key),
          LoaiGiayTo: legacy ? 'CMND' : 'CCCD',
          SoGiayTo: legacy ? p.legacyId as string : p.personalId,
          NamSinh: Number(p.birthDate.slice(0, 4))
        }
      }),
      NgayCapNhat: times.updatedAt
    }
    const raw = record as unknown as Record<string, unknown>
    if (invalid) {
      ctx.inject.invalidate(raw, 'land', 'thua-dat', 'MaThua', key,
        { id: 'ChuSuDung.0.SoGiayTo', date: 'GiayChungNhan.NgayCap', badDate: y => `31-02-${y}`, required: 'DienTich' })
    }
    ctx.write('land', 'thua-dat', raw)
  }
}
