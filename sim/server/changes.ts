// Life goes on in the simulated city: births, moves, deaths, BHYT card renewals and land
// transfers, each written into the departments that would record it, in their own dialects.
import { provinceName } from '../../schemas/vietnam/index.js'
import { pickPersonName } from '../city/people.js'
import { places, regionOfUnit, REGION_ID_PREFIX, REGION_PROVINCE_CODE } from '../city/places.js'
import { addDays, addYears, ageAt } from '../city/time.js'
import { ddMMyyyy, slashed, upperVi } from '../dialects/format.js'
import type { Random } from '../random.js'
import type { SourceRecord, StreamTable } from './record-table.js'

export type ChangeKind = 'birth' | 'move' | 'death' | 'card-renewal' | 'land-transfer'
export const CHANGE_KINDS: ReadonlyArray<readonly [ChangeKind, number]> = [['birth', 20], ['move', 30], ['death', 10],
  ['card-renewal', 25], ['land-transfer', 15]]

export interface CityTables {
  people: StreamTable
  residents: StreamTable
  parcels: StreamTable
  cards: StreamTable
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0')
const isoFromSlashed = (s: unknown): string | undefined => {
  const m = typeof s === 'string' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s) : null
  return m === null ? undefined : `${m[3]}-${m[2]}-${m[1]}`
}

export class ChangeMaker {
  // Which BHYT record belongs to a personal id; built on first need, then kept up to date.
  private cardOf?: Map<string, string>

  constructor (private readonly t: CityTables, private readonly random: Random, private readonly today: () => string) {}

  // Applies one change of the given (or a random) kind; false when no suitable record was found.
  apply (kind: ChangeKind = this.random.weighted(CHANGE_KINDS)): boolean {
    switch (kind) {
      case 'birth': return this.birth()
      case 'move': return this.move()
      case 'death': return this.death()
      case 'card-renewal': return this.renewCard()
      case 'land-transfer': return this.transferLand()
    }
  }

  private sample (table: StreamTable, accept: (r: SourceRecord) => boolean, tries = 40): SourceRecord | undefined {
    for (let i = 0; i < tries; i++) {
      const key = table.randomKey(this.random)
      const r = key === undefined ? undefined : table.get(key)
      if (r !== undefined && accept(r)) return r
    }
    return undefined
  }

  private activeResident (accept: (r: SourceRecord, age: number) => boolean): SourceRecord | undefined {
    return this.sample(this.t.residents, r => {
      const born = isoFromSlashed(r.dateOfBirth)
      return r.status === 'active' && r.deleted !== true && typeof r.personalId === 'string'
        && r.personalId.length === 12 &&
        born !== undefined && accept(r, ageAt(born, this.today()))
    })
  }

  private cards (): Map<string, string> {
    this.cardOf ??= new Map(this.t.cards.records().filter(r => typeof r.SO_CCCD === 'string')
      .map(r => [r.SO_CCCD as string, r.MA_SO_BHXH as string]))
    return this.cardOf
  }

  private birth (): boolean {
    const mother = this.activeResident((r, age) => r.gender === 'F' && age >= 18 && age <= 42
      && ['01', '02', '08'].includes(r.relationToHead as string))
    if (mother === undefined) return false
    const motherCivil = this.t.people.get(mother.personalId as string)
    const today = this.today()
    const sex = this.random.chance(0.512) ? 'male' : 'female'
    const ward = (mother.permanentResidence as { wardCode: string, addressLine: string })
    const region = places().byCode.has(ward.wardCode) ? regionOfUnit(ward.wardCode) : 'cantho'
    const prefix = REGION_ID_PREFIX[region]
    let id: string
    do id = `${prefix}${sex === 'male' ? 2 : 3}${today.slice(2, 4)}${pad(this.random.int(0, 999999), 6)}`
    while (this.t.people.get(id) !== undefined || this.t.residents.get(id) !== undefined)
    const head = this.t.residents.get(mother.headPersonalId as string)
    const family = String(head?.fullName ?? mother.fullName).split(' ')[0]
    const ethnicity = String(motherCivil?.dan_toc ?? '01')
    const name = pickPersonName(this.random, family, sex, ethnicity)
    const father = motherCivil?.so_dinh_danh_vo_chong
    this.t.people.add({
      so_dinh_danh: id,
      ho_va_ten: upperVi(name),
      ngay_sinh: ddMMyyyy(today),
      gioi_tinh: sex === 'male' ? 'Nam' : 'Nữ',
      noi_sinh: provinceName(prefix) ?? 'Cần Thơ',
      dan_toc: ethnicity,
      ton_giao: motherCivil?.ton_giao ?? '00',
      quoc_tich: 'VN',
      ...(typeof father === 'string' ? { so_dinh_danh_cha: father } : {}),
      so_dinh_danh_me: mother.personalId
    })
    this.t.residents.add({
      personalId: id,
      fullName: name,
      dateOfBirth: slashed(today),
      gender: sex === 'male' ? 'M' : 'F',
      ethnicity: mother.ethnicity,
      householdId: mother.householdId,
      relationToHead: mother.relationToHead === '08' ? '05' : '03',
      headPersonalId: mother.headPersonalId,
      permanentResidence: { wardCode: ward.wardCode, addressLine: ward.addressLine, since: slashed(today) },
      status: 'active'
    })
    let ssn: string
    do ssn = `${REGION_PROVINCE_CODE[region]}${pad(this.random.int(0, 99999999), 8)}`
    while (this.t.cards.get(ssn) !== undefined)
    this.t.cards.add({
      MA_SO_BHXH: ssn,
      MA_THE: ssn,
      HO_TEN: upperVi(name),
      NGAY_SINH: today,
      GIOI_TINH: sex === 'male' ? 1 : 2,
      SO_CCCD: id,
      DIA_CHI: ward.addressLine,
      MA_XA: ward.wardCode,
      MA_DOI_TUONG: 'TE',
      MUC_HUONG: 1,
      MA_DKBD: `${REGION_PROVINCE_CODE[region]}${pad(this.random.int(1, 40), 3)}`,
      GT_THE_TU: today,
      GT_THE_DEN: addDays(addYears(today, 6), -1)
    })
    this.cards().set(id, ssn)
    return true
  }

  private move (): boolean {
    const r = this.activeResident(() => true)
    if (r === undefined) return false
    const from = (r.permanentResidence as { wardCode: string }).wardCode
    const ward = this.random.pick(places().wards.filter(w => w.unit.code !== from))
    const line = ward.unit.kind === 'phuong'
      ? `Số ${this.random.int(1, 399)} Đường ${this.random.pick(['Hùng Vương', 'Trần Phú', 'Mậu Thân', 'Nguyễn Trãi'])}`
      : 'Ấp Tân Lợi'
    this.t.residents.update(r.personalId as string,
      { permanentResidence: { wardCode: ward.unit.code, addressLine: line, since: slashed(this.today()) } })
    return true
  }

  private death (): boolean {
    const r = this.activeResident((_r, age) => age >= 60) ?? this.activeResident(() => true)
    if (r === undefined) return false
    const id = r.personalId as string
    const civil = this.t.people.get(id)
    if (civil !== undefined && civil.da_xoa !== true) this.t.people.update(id, { ngay_mat: ddMMyyyy(this.today()) })
    this.t.residents.update(id, { status: 'deceased' })
    const card = this.cards().get(id)
    if (card !== undefined && this.t.cards.get(card)?.DA_XOA === undefined) this.t.cards.remove(card)
    return true
  }

  private renewCard (): boolean {
    const card = this.sample(this.t.cards, r => r.DA_XOA === undefined && typeof r.GT_THE_DEN === 'string'
      && /^\d{4}-\d{2}-\d{2}$/.test(r.GT_THE_DEN))
    if (card === undefined) return false
    const to = card.GT_THE_DEN as string
    this.t.cards.update(card.MA_SO_BHXH as string, {
      GT_THE_TU: addDays(to, 1),
      GT_THE_DEN: addYears(to, 1),
      // Since 2021 a renewed card shows only the social-insurance number.
      MA_THE: card.MA_SO_BHXH
    })
    return true
  }

  private transferLand (): boolean {
    const parcel = this.sample(this.t.parcels, r => r.DaXoa === undefined && typeof r.GiayChungNhan === 'object')
    const buyer = this.activeResident((_r, age) => age >= 25)
    if (parcel === undefined || buyer === undefined) return false
    this.t.parcels.update(parcel.MaThua as string, {
      ChuSuDung: [{ HoTen: buyer.fullName, LoaiGiayTo: 'CCCD', SoGiayTo: buyer.personalId,
        NamSinh: Number(isoFromSlashed(buyer.dateOfBirth)?.slice(0, 4)) }],
      GiayChungNhan: {
        ...(parcel.GiayChungNhan as Record<string, unknown>),
        SoPhatHanh: `DA ${pad(this.random.int(0, 99999999), 8)}`,
        SoVaoSo: `CS${pad(this.random.int(1, 99999), 5)}`,
        NgayCap: `${this.today().slice(8, 10)}-${this.today().slice(5, 7)}-${this.today().slice(0, 4)}`
      }
    })
    return true
  }
}
