// Test helper: reads what each simulated department wrote back into canonical facts with the
// Vietnam rules, the way a connector and normalizer would, and checks them against the truth.
import { nameMatchKey, normalizeName, parseCertificateSerial, parseLandParcelId, parseLandPurposes, parseVnDate,
  parseSex, parsePersonalId, parseCmnd, parseBhytNumber } from '../../../schemas/vietnam/index.js'
import type { TruthEntry, TruthPerson, TruthMarriage, TruthParcel, TruthCard,
  TruthBusiness } from '../../../sim/city/truth.js'

export type Rec = Record<string, any>
export type Written = Record<string, Rec[]>

export interface TruthIndex {
  persons: Map<string, TruthPerson>
  marriages: Map<string, TruthMarriage>
  parcels: Map<string, TruthParcel>
  cards: Map<string, TruthCard>
  businesses: Map<string, TruthBusiness>
  invalid: Set<string>
  conflicts: Map<string, string>
  variants: Map<string, string[]>
  entries: TruthEntry[]
}

export function indexTruth (entries: TruthEntry[]): TruthIndex {
  const ix: TruthIndex = { persons: new Map(), marriages: new Map(), parcels: new Map(), cards: new Map(),
    businesses: new Map(), invalid: new Set(), conflicts: new Map(), variants: new Map(), entries }
  for (const e of entries) {
    switch (e.type) {
      case 'person': ix.persons.set(e.personalId, e); break
      case 'marriage': ix.marriages.set(e.registrationNo, e); break
      case 'parcel': ix.parcels.set(e.parcelId, e); break
      case 'card': ix.cards.set(e.socialInsuranceNumber, e); break
      case 'business': ix.businesses.set(e.registrationNo, e); break
      case 'invalid': ix.invalid.add(`${e.department}.${e.stream}:${e.key}`); break
      case 'conflict': ix.conflicts.set(`${e.department}.${e.stream}:${e.key}:${e.field}:${e.entityKey}`,
        e.values[e.department] as string); break
      case 'variant': {
        const k = `${e.department}.${e.stream}:${e.key}:${e.kind}`
        ix.variants.set(k, [...(ix.variants.get(k) ?? []), e.written])
        break
      }
    }
  }
  return ix
}

const iso = (s: unknown): string | undefined => { const r = parseVnDate(String(s)); return r.ok ? r.iso : undefined }
const isId12 = (s: unknown): boolean => typeof s === 'string' && parsePersonalId(s).ok
const present = (s: unknown): boolean => s !== undefined && s !== null && s !== ''

// Our own validity rules per dialect, independent of the generator: the records they reject
// must be exactly the ones the truth lists as invalid.
export const VALIDATORS: Record<string, (r: Rec) => boolean> = {
  'civil-status.cong-dan': r => isId12(r.so_dinh_danh) && present(r.ho_va_ten) && iso(r.ngay_sinh) !== undefined,
  'civil-status.ket-hon': r => isId12(r.so_dinh_danh_chong) && isId12(r.so_dinh_danh_vo) && present(r.ho_ten_vo)
    && present(r.ho_ten_chong) && iso(r.ngay_dang_ky) !== undefined,
  'residence.residents': r => isId12(r.personalId) && present(r.fullName) && iso(r.dateOfBirth) !== undefined,
  'land.thua-dat': r => typeof r.DienTich === 'number' && iso(r.GiayChungNhan?.NgayCap) !== undefined &&
    r.ChuSuDung.every((h: Rec) => h.LoaiGiayTo === 'CMND' ? parseCmnd(h.SoGiayTo).ok : isId12(h.SoGiayTo)),
  'bhyt.the': r => present(r.HO_TEN) && iso(r.NGAY_SINH) !== undefined
    && (r.SO_CCCD === undefined ? parseCmnd(r.SO_CMND).ok : isId12(r.SO_CCCD)),
  'business.ho-kinh-doanh': r => present(r.tenHoKinhDoanh) && iso(r.ngayDangKy) !== undefined
    && (r.chuHo.soDinhDanh === undefined ? parseCmnd(r.chuHo.soCmnd).ok : isId12(r.chuHo.soDinhDanh))
}

// Returns a list of disagreements between a valid written record and the truth (empty = fine).
export function compareWithTruth (stream: string, r: Rec, ix: TruthIndex): string[] {
  const problems: string[] = []
  const expect = (what: string, got: unknown, want: unknown): void => {
    if (got !== want) problems.push(`${stream} ${what}: got ${String(got)}, want ${String(want)}`)
  }
  const conflict = (key: string, field: string, person: TruthPerson): string | undefined =>
    ix.conflicts.get(`${stream}:${key}:${field}:${person.personalId}`)
  const ward = (key: string, written: string, canonical: string, person?: TruthPerson): void => {
    const conflicting = person === undefined ? undefined : conflict(key, 'wardCode', person)
    const allowed = [conflicting ?? canonical, ...(ix.variants.get(`${stream}:${key}:old-ward`) ?? [])]
    if (!allowed.includes(written)) {
      problems.push(`${stream} ${key} ward: got ${written}, want one of ${allowed.join('/')}`)
    }
  }
  const holderId = (key: string, idType: 'CCCD' | 'CMND', written: string, person: TruthPerson): void => {
    if (idType === 'CCCD') expect(`${key} id`, written, person.personalId)
    else if (!(ix.variants.get(`${stream}:${key}:legacy-id`) ?? []).includes(written) || written !== person.legacyId) {
      problems.push(`${stream} ${key}: legacy id ${written} not injected for ${person.personalId}`)
    }
  }
  switch (stream) {
    case 'civil-status.cong-dan': {
      const p = ix.persons.get(r.so_dinh_danh)
      if (p === undefined) return [`${stream}: ${r.so_dinh_danh} not in truth`]
      expect('name', normalizeName(r.ho_va_ten).full, p.fullName)
      expect('birth', iso(r.ngay_sinh), p.birthDate)
      expect('sex', parseSex(r.gioi_tinh).ok ? (parseSex(r.gioi_tinh) as { sex: string }).sex : undefined, p.sex)
      expect('ethnicity', r.dan_toc, p.ethnicityCode)
      expect('cmnd', r.so_cmnd, p.legacyId)
      expect('death', r.ngay_mat === undefined ? undefined : iso(r.ngay_mat), p.deathDate)
      expect('father', r.so_dinh_danh_cha, p.fatherId)
      expect('mother', r.so_dinh_danh_me, p.motherId)
      break
    }
    case 'civil-status.ket-hon': {
      const m = ix.marriages.get(r.so_dang_ky)
      if (m === undefined) return [`${stream}: ${r.so_dang_ky} not in truth`]
      expect('husband', r.so_dinh_danh_chong, m.husbandId)
      expect('wife', r.so_dinh_danh_vo, m.wifeId)
      expect('date', iso(r.ngay_dang_ky), m.date)
      ward(r.so_dang_ky, r.noi_dang_ky, m.wardCode)
      break
    }
    case 'residence.residents': {
      const p = ix.persons.get(r.personalId)
      if (p === undefined) return [`${stream}: ${r.personalId} not in truth`]
      expect('name', r.fullName, p.fullName)
      expect('birth', iso(r.dateOfBirth), conflict(r.personalId, 'birthDate', p) ?? p.birthDate)
      expect('sex', r.gender === 'M' ? 'male' : 'female', p.sex)
      expect('household', r.householdId, p.householdId)
      expect('relation', r.relationToHead, p.relationToHead)
      expect('status', r.status, p.deathDate === undefined ? 'active' : 'deceased')
      ward(r.personalId, r.permanentResidence.wardCode, p.permanentAddress.wardCode)
      if (p.temporaryAddress !== undefined) {
        ward(r.personalId, r.temporaryResidence?.wardCode, p.temporaryAddress.wardCode)
      }
      break
    }
    case 'land.thua-dat': {
      const x = ix.parcels.get(r.MaThua)
      if (x === undefined) return [`${stream}: ${r.MaThua} not in truth`]
      const id = parseLandParcelId(r.MaThua)
      expect('parcel id', id.ok && id.oldCommuneCode === r.MaXaCu && id.sheet === r.SoTo && id.parcel === r.SoThua,
        true)
      expect('area', r.DienTich, x.areaM2)
      expect('purposes', parseLandPurposes(r.MucDich).ok, true)
      expect('purpose codes', r.MucDich, x.purposes.join('+'))
      const serial = parseCertificateSerial(r.GiayChungNhan.SoPhatHanh)
      expect('serial', serial.ok ? serial.value : undefined, x.certificate.serial)
      expect('issued', iso(r.GiayChungNhan.NgayCap), x.certificate.issuedOn)
      ward(r.MaThua, r.MaXa, x.wardCode)
      expect('holders', r.ChuSuDung.length, x.holderIds.length)
      r.ChuSuDung.forEach((h: Rec, i: number) => {
        const p = ix.persons.get(x.holderIds[i]) as TruthPerson
        holderId(r.MaThua, h.LoaiGiayTo, h.SoGiayTo, p)
        expect('holder name', h.HoTen, conflict(r.MaThua, 'fullName', p) ?? p.fullName)
      })
      break
    }
    case 'bhyt.the': {
      const c = ix.cards.get(r.MA_SO_BHXH)
      if (c === undefined) return [`${stream}: ${r.MA_SO_BHXH} not in truth`]
      const p = ix.persons.get(c.personalId) as TruthPerson
      const number = parseBhytNumber(r.MA_THE)
      expect('card number', number.ok ? number.socialInsuranceNumber : undefined, c.socialInsuranceNumber)
      expect('card', r.MA_THE, c.cardNumber)
      expect('name', nameMatchKey(r.HO_TEN), nameMatchKey(conflict(r.MA_SO_BHXH, 'fullName', p) ?? p.fullName))
      expect('birth', iso(r.NGAY_SINH), conflict(r.MA_SO_BHXH, 'birthDate', p) ?? p.birthDate)
      expect('sex', r.GIOI_TINH === 1 ? 'male' : 'female', conflict(r.MA_SO_BHXH, 'sex', p) ?? p.sex)
      if (r.SO_CCCD !== undefined) holderId(r.MA_SO_BHXH, 'CCCD', r.SO_CCCD, p)
      else holderId(r.MA_SO_BHXH, 'CMND', r.SO_CMND, p)
      ward(r.MA_SO_BHXH, r.MA_XA, p.permanentAddress.wardCode, p)
      expect('valid to', r.GT_THE_DEN, c.validTo)
      break
    }
    case 'business.ho-kinh-doanh': {
      const b = ix.businesses.get(r.soGiayChungNhan)
      if (b === undefined) return [`${stream}: ${r.soGiayChungNhan} not in truth`]
      const p = ix.persons.get(b.ownerId) as TruthPerson
      expect('name', r.tenHoKinhDoanh.normalize('NFC'), b.name)
      expect('owner name', r.chuHo.hoTen.normalize('NFC'), conflict(r.soGiayChungNhan, 'fullName', p) ?? p.fullName)
      expect('owner birth', iso(r.chuHo.ngaySinh), p.birthDate)
      if (r.chuHo.soDinhDanh !== undefined) holderId(r.soGiayChungNhan, 'CCCD', r.chuHo.soDinhDanh, p)
      else holderId(r.soGiayChungNhan, 'CMND', r.chuHo.soCmnd, p)
      ward(r.soGiayChungNhan, r.diaChiKinhDoanh.maPhuongXa, b.wardCode)
      expect('registered', iso(r.ngayDangKy), b.registeredOn)
      break
    }
    default: problems.push(`unknown stream ${stream}`)
  }
  return problems
}
