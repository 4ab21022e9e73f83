// Construction (xay-dung): the permit office's register. PascalCase names, dd/MM/yyyy dates, permit types
// as Vietnamese labels, the parcel as free text "Thửa 345, tờ bản đồ 12" with the pre-2025 commune code
// beside it, areas with a decimal comma, and the post-permit inspections as a nested list. Owners'
// names were typed from the application: now and then misspelt, and civil status wins.
import type { HouseholdTruth } from '../city/household.js'
import { misspellName } from '../city/people.js'
import { places } from '../city/places.js'
import type { TruthParcel, TruthPerson } from '../city/truth.js'
import { addDays, randomDate, yearOf } from '../city/time.js'
import { changedAt, slashed } from '../dialects/format.js'
import type { SourceContext } from './context.js'

const comma = (n: number): string => String(n).replace('.', ',')
const RESULT_WORD = { compliant: 'Đúng giấy phép', violation: 'Sai giấy phép',
  'work-suspended': 'Đình chỉ thi công' } as const
type Result = keyof typeof RESULT_WORD

export function renderPermits (h: HouseholdTruth, index: number, ctx: SourceContext): void {
  const byId = new Map(h.persons.map(p => [p.personalId, p]))
  for (const [j, parcel] of h.parcels.entries()) {
    const residential = parcel.purposes.some(p => p === 'ODT' || p === 'ONT')
    if (!residential || !ctx.style.chance(0.15)) continue
    const owners = parcel.holderIds.map(id => byId.get(id))
      .filter((p): p is TruthPerson => p !== undefined && p.deathDate === undefined)
    if (owners.length === 0) continue
    renderOne(h, parcel, owners, index * 8 + j, ctx)
  }
}

function renderOne (h: HouseholdTruth, parcel: TruthParcel, owners: TruthPerson[], serial: number,
  ctx: SourceContext): void {
  const date = randomDate(ctx.style, '2016-01-01', addDays(ctx.today, -30))
  // Unique up to 10^7 permits a year: keys of a large city must not collide.
  const number = `${1 + serial % 9_999_999}/GPXD`
  const key = `${number}-${yearOf(date)}`
  const unit = places().byCode.get(parcel.wardCode)?.unit
  const issuer = unit === undefined ? 'Sở Xây dựng thành phố Cần Thơ'
    : `UBND ${unit.kind === 'phuong' ? 'phường' : 'xã'} ${unit.name}`
  const floors = ctx.style.int(1, 5)
  const footprint = Math.round(Math.min(parcel.areaM2 * 0.8, ctx.style.int(40, 150)) * 10) / 10
  const total = Math.round(footprint * floors * 10) / 10
  const height = Math.round((3.6 * floors + ctx.style.int(0, 20) / 10) * 10) / 10
  const inspections: Array<{ date: string, result: Result, finding?: string, decisionNumber?: string }> = []
  for (let k = 0, d = addDays(date, ctx.style.int(20, 90)); k < 3 && d < ctx.today; k++,
    d = addDays(d, ctx.style.int(30, 120))) {
    const result: Result = ctx.style.weighted([['compliant', 85], ['violation', 12], ['work-suspended', 3]])
    inspections.push({
      date: d,
      result,
      ...(result === 'compliant' ? {}
        : { finding: 'Xây dựng sai nội dung giấy phép', decisionNumber: `${ctx.style.int(1, 999)}/QĐ-XPHC` })
    })
  }
  const status = inspections.length === 0 ? 'issued' : addDays(date, 365) < ctx.today ? 'completed'
    : 'under-construction'
  const first = owners[0] as TruthPerson
  let firstName = first.fullName
  const invalid = ctx.shouldInvalidate()
  if (!invalid && ctx.chance(ctx.rates.conflict)) {
    const other = misspellName(ctx.injection, first.fullName, first.sex)
    if (other !== first.fullName) {
      ctx.truth({
        type: 'source-conflict', department: 'xay-dung', key, entity: 'person', entityKey: first.personalId,
        field: 'fullName',
        values: { 'ho-tich': first.fullName, 'xay-dung': other }, winner: 'ho-tich',
        explanation: 'the owner\'s name was typed from the application form; civil status is authoritative for names'
      })
      firstName = other
    }
  }
  const record: Record<string, unknown> = {
    SoGiayPhep: key,
    NgayCap: slashed(date),
    CoQuanCap: issuer,
    LoaiGiayPhep: 'Cấp mới',
    LoaiCongTrinh: 'Nhà ở riêng lẻ',
    ChuDauTu: owners.map((p, k) => {
      const ref = ctx.personRef(key, p.personalId, p.legacyId)
      return { HoTen: k === 0 ? firstName : p.fullName, [ref.legacy ? 'CMND' : 'CCCD']: ref.id }
    }),
    ThuaDat: `Thửa ${parcel.parcel}, tờ bản đồ ${parcel.sheet}`,
    MaXaBanDo: parcel.oldCommuneCode,
    SoSeriGCN: parcel.certificate.serial,
    DiaChi: parcel.address,
    MaPhuongXa: ctx.wardCode(key, h.household.address.wardCode === parcel.wardCode ? h.household.address
      : { wardCode: parcel.wardCode, oldWardCode: parcel.wardCode, line: parcel.address }),
    SoTang: String(floors),
    DienTichXayDung: comma(footprint),
    TongDienTichSan: comma(total),
    ChieuCao: comma(height),
    TrangThai: { issued: 'Đã cấp', 'under-construction': 'Đang thi công', completed: 'Hoàn công' }[status],
    KiemTra: inspections.map(i => ({ Ngay: slashed(i.date), KetQua: RESULT_WORD[i.result],
      ...(i.finding === undefined ? {} : { NoiDung: i.finding, SoQD: i.decisionNumber }) })),
    NgaySua: changedAt(ctx.style, inspections.at(-1)?.date ?? date, ctx.asOf),
    Huy: false
  }
  if (invalid) {
    ctx.invalidate(record, key, [
      ['impossible-date', 'NgayCap', r => { r.NgayCap = `30/02/${yearOf(date)}` }],
      ['unknown-code', 'LoaiGiayPhep', r => { r.LoaiGiayPhep = 'Khác' }],
      ['missing-required', 'SoTang', r => { delete r.SoTang }]
    ])
    ctx.write(record)
    return
  }
  ctx.canonical(key, {
    permitId: key.replace('/', '-'),
    permitNumber: number,
    permitDate: date,
    issuingAuthority: issuer,
    permitType: 'new-construction',
    buildingType: 'detached-house',
    owners: owners.map(p => ({ personalId: p.personalId, fullName: p.fullName })),
    parcelIds: [parcel.parcelId],
    certificateSerial: parcel.certificate.serial,
    address: { line: parcel.address, wardCode: parcel.wardCode },
    floors,
    footprintM2: footprint,
    totalFloorAreaM2: total,
    heightM: height,
    status,
    inspections
  })
  ctx.write(record)
}
