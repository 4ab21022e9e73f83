// Notary (cong-chung): the notary offices' shared register, camelCase Vietnamese names, dd-MM-yyyy
// dates, contract types as Vietnamese labels, parties as (document type, number) pairs, the property as
// sheet / parcel / pre-2025 commune code and a certificate serial written without its space, prices as
// "1.850.000.000 đồng". A transfer names a buyer from another household of the city; the land register
// still shows the seller, which is the cross-source signal the hub must raise. Now and then the serial
// was typed wrong: the land register wins.
import type { HouseholdTruth } from '../city/household.js'
import type { TruthParcel, TruthPerson } from '../city/truth.js'
import { ageAt, randomDate, yearOf } from '../city/time.js'
import { changedAt, dashed } from '../dialects/format.js'
import type { SourceContext } from './context.js'
import type { CityMemory } from './memory.js'

export const NOTARY_OFFICES = [
  { code: 'PCC1', name: 'Phòng Công chứng số 1 thành phố Cần Thơ' },
  { code: 'VPCCTD', name: 'Văn phòng Công chứng Tây Đô' },
  { code: 'VPCCST', name: 'Văn phòng Công chứng Sóc Trăng' }
] as const

export const CONTRACT_LABEL = {
  'land-use-right-transfer': 'Hợp đồng chuyển nhượng quyền sử dụng đất',
  mortgage: 'Hợp đồng thế chấp quyền sử dụng đất',
  'land-use-right-gift': 'Hợp đồng tặng cho quyền sử dụng đất'
} as const
type Kind = keyof typeof CONTRACT_LABEL

const BANK = { tenToChuc: 'Ngân hàng TMCP Ví Dụ - Chi nhánh Cần Thơ', mst: '0100000000-017' }
const money = (n: number): string => `${n.toLocaleString('de-DE')} đồng`

export function renderNotary (h: HouseholdTruth, index: number, ctx: SourceContext, memory: CityMemory): void {
  const byId = new Map(h.persons.map(p => [p.personalId, p]))
  for (const [j, parcel] of h.parcels.entries()) {
    const kind = ctx.style.weighted<Kind | undefined>([['land-use-right-transfer', 6], [undefined, 82],
      ['mortgage', 10], ['land-use-right-gift', 2]])
    if (kind === undefined) continue
    const sellers = parcel.holderIds.map(id => byId.get(id))
      .filter((p): p is TruthPerson => p !== undefined && p.deathDate === undefined)
    if (sellers.length === 0) continue
    const adultChild = h.persons.find(p => p.relationToHead === '03' && p.deathDate === undefined
      && ageAt(p.birthDate, ctx.today) >= 18)
    const buyer = kind === 'land-use-right-gift' ? adultChild : kind === 'land-use-right-transfer'
      ? memory.adult(ctx.style.next()) : undefined
    if (kind !== 'mortgage' && (buyer === undefined || parcel.holderIds.includes(buyer.personalId))) continue
    renderOne(parcel, kind, sellers, buyer, index * 8 + j, ctx)
  }
}

function renderOne (parcel: TruthParcel, kind: Kind, sellers: TruthPerson[], buyer: TruthPerson | undefined,
  serial: number, ctx: SourceContext): void {
  const office = NOTARY_OFFICES[serial % NOTARY_OFFICES.length] as typeof NOTARY_OFFICES[number]
  const date = randomDate(ctx.style,
    parcel.certificate.issuedOn > '2015-01-01' ? parcel.certificate.issuedOn : '2015-01-01', ctx.today)
  const year = yearOf(date)
  const number = String(1 + serial % 9_999_999)
  const key = `${office.code}-${year}-${number.padStart(6, '0')}`
  const book = `${String(1 + serial % 5).padStart(2, '0')}/${year} TP/CC-SCC/HĐGD`
  const value = kind === 'mortgage' ? 1_000_000 * ctx.style.int(200, 3000)
    : 1_000_000 * Math.round(parcel.areaM2 * ctx.style.int(5, 40))
  const party = (p: TruthPerson): Record<string, unknown> => {
    const ref = ctx.personRef(key, p.personalId, p.legacyId)
    return { hoTen: p.fullName, loaiGiayTo: ref.legacy ? 'CMND' : 'CCCD', soGiayTo: ref.id }
  }
  let serialWritten = parcel.certificate.serial
  const invalid = ctx.shouldInvalidate()
  if (!invalid && ctx.chance(ctx.rates.conflict)) {
    const digits = serialWritten.slice(3)
    const typo =
      `${serialWritten.slice(0, 3)}${digits.slice(0, -2)}${digits.at(-1) as string}${digits.at(-2) as string}`
    if (typo !== serialWritten) {
      ctx.truth({
        type: 'source-conflict', department: 'cong-chung', key, entity: 'notarization', entityKey: key,
        field: 'property.certificateSerial',
        values: { 'dat-dai': serialWritten, 'cong-chung': typo }, winner: 'dat-dai',
        explanation: 'two digits of the certificate serial were swapped when the contract was typed; ' +
          'the land register holds the certificate'
      })
      serialWritten = typo
    }
  }
  const roles = { 'land-use-right-transfer': ['transferor', 'transferee'], mortgage: ['mortgagor', 'mortgagee'],
    'land-use-right-gift': ['transferor', 'transferee'] }[kind]
  const record: Record<string, unknown> = {
    maHoSo: key,
    soCongChung: number,
    quyenSo: book,
    ngayCongChung: dashed(date),
    tenToChuc: office.name,
    loaiHopDong: CONTRACT_LABEL[kind],
    benA: sellers.map(party),
    benB: kind === 'mortgage' ? [BANK] : [party(buyer as TruthPerson)],
    taiSan: { soTo: parcel.sheet, soThua: parcel.parcel, maXa: parcel.oldCommuneCode,
      soSeri: serialWritten.replace(' ', '') },
    giaTri: money(value),
    trangThai: 'Có hiệu lực',
    ngayCapNhat: changedAt(ctx.style, date, ctx.asOf),
    daXoa: false
  }
  if (invalid) {
    ctx.invalidate(record, key, [
      ['impossible-date', 'ngayCongChung', r => { r.ngayCongChung = `31-04-${year}` }],
      ['unknown-code', 'loaiHopDong', r => { r.loaiHopDong = 'Giấy tờ khác' }],
      ['missing-required', 'taiSan.soThua', r => { delete (r.taiSan as Record<string, unknown>).soThua }]
    ])
    ctx.write(record)
    return
  }
  ctx.canonical(key, {
    notarizationId: key,
    notarizationNumber: number,
    bookNumber: book,
    notarizationDate: date,
    office: { code: office.code, name: office.name },
    transactionType: kind,
    parties: [
      ...sellers.map(p => ({ role: roles[0], personalId: p.personalId, fullName: p.fullName })),
      kind === 'mortgage'
        ? { role: roles[1], organizationName: BANK.tenToChuc, taxCode: BANK.mst }
        : { role: roles[1], personalId: (buyer as TruthPerson).personalId, fullName: (buyer as TruthPerson).fullName }
    ],
    property: { parcelIds: [parcel.parcelId], certificateSerial: parcel.certificate.serial },
    valueVnd: value,
    status: 'valid'
  })
  ctx.write(record)
}
