// Education (giao-duc): the school management system's export of pupils, one record per pupil and
// school year. PascalCase Vietnamese names, dd/MM/yyyy dates, Nam/Nữ, grade as text, the school's own
// student code as key; ward codes often pre-2025. Its address disagrees with residence now and
// then: residence wins, and the truth says so.
import { places } from '../city/places.js'
import type { HouseholdTruth } from '../city/household.js'
import type { TruthPerson } from '../city/truth.js'
import { yearOf } from '../city/time.js'
import { changedAt, slashed } from '../dialects/format.js'
import type { SourceContext } from './context.js'

const LEVELS = [
  { upTo: 5, level: 'primary', code: 'TH', school: 'Trường Tiểu học' },
  { upTo: 9, level: 'lower-secondary', code: 'THCS', school: 'Trường THCS' },
  { upTo: 12, level: 'upper-secondary', code: 'THPT', school: 'Trường THPT' }
] as const

const RELATION_WORD = { father: 'Cha', mother: 'Mẹ', grandparent: 'Ông/Bà', guardian: 'Người giám hộ' } as const

// The school year the snapshot falls in: it starts in September.
export function schoolYearOf (today: string): number {
  return Number(today.slice(5, 7)) >= 9 ? yearOf(today) : yearOf(today) - 1
}

export function renderStudents (h: HouseholdTruth, index: number, ctx: SourceContext): void {
  const startYear = schoolYearOf(ctx.today)
  const byId = new Map(h.persons.map(p => [p.personalId, p]))
  for (const [k, p] of h.persons.entries()) {
    // Children start grade 1 in the calendar year they turn 6.
    const grade = startYear - yearOf(p.birthDate) - 5
    if (p.deathDate !== undefined || grade < 1 || grade > 12 || !ctx.style.chance(0.96)) continue
    renderOne(h, p, byId, grade, startYear, `${h.household.address.wardCode}${String(index).padStart(6, '0')}${k}`, ctx)
  }
}

function guardianOf (p: TruthPerson, byId: Map<string, TruthPerson>): { person: TruthPerson,
  relation: keyof typeof RELATION_WORD } | undefined {
  const alive = (id: string | undefined): TruthPerson | undefined => {
    const g = id === undefined ? undefined : byId.get(id)
    return g?.deathDate === undefined ? g : undefined
  }
  const father = alive(p.fatherId)
  const mother = alive(p.motherId)
  if (mother !== undefined) return { person: mother, relation: 'mother' }
  if (father !== undefined) return { person: father, relation: 'father' }
  const head = [...byId.values()].find(x => x.relationToHead === '01' && x.deathDate === undefined
    && x.personalId !== p.personalId)
  return head === undefined ? undefined
    : { person: head, relation: p.relationToHead === '05' ? 'grandparent' : 'guardian' }
}

function renderOne (h: HouseholdTruth, p: TruthPerson, byId: Map<string, TruthPerson>, grade: number, startYear: number,
  code: string, ctx: SourceContext): void {
  const level = LEVELS.find(l => grade <= l.upTo) as typeof LEVELS[number]
  const ward = places().byCode.get(h.household.address.wardCode)
  const wardName = ward?.unit.name ?? 'Cần Thơ'
  const schoolName = `${level.school} ${wardName}`
  const schoolCode = `${h.household.address.wardCode}${level.code}`
  const className = `${grade}A${ctx.style.int(1, 4)}`
  const schoolYear = `${startYear}-${startYear + 1}`
  const guardian = guardianOf(p, byId)
  const address = p.permanentAddress
  let wardWritten = ctx.wardCode(code, address)
  const invalid = ctx.shouldInvalidate()
  if (!invalid && ctx.chance(ctx.rates.conflict)) {
    const other = ctx.pickInjection(places().wards.filter(w => w.unit.code !== address.wardCode)).unit.code
    ctx.truth({
      type: 'source-conflict', department: 'giao-duc', key: code, entity: 'person', entityKey: p.personalId,
      field: 'permanentAddress.wardCode',
      values: { 'cu-tru': address.wardCode, 'giao-duc': other }, winner: 'cu-tru',
      explanation: 'the school still has the address the family gave at enrolment; ' +
        'residence is authoritative for where the pupil lives'
    })
    wardWritten = other
  }
  const guardianRef = guardian === undefined ? undefined
    : ctx.personRef(code, guardian.person.personalId, guardian.person.legacyId)
  const record: Record<string, unknown> = {
    MaHocSinh: code,
    HoTen: p.fullName,
    NgaySinh: slashed(p.birthDate),
    GioiTinh: p.sex === 'male' ? 'Nam' : 'Nữ',
    MaDinhDanh: p.personalId,
    NamHoc: schoolYear,
    MaTruong: schoolCode,
    TenTruong: schoolName,
    CapHoc: level.code,
    Khoi: String(grade),
    Lop: className,
    ...(guardian === undefined || guardianRef === undefined
      ? {}
      : {
          HoTenPhuHuynh: guardian.person.fullName,
          QuanHe: RELATION_WORD[guardian.relation],
          [guardianRef.legacy ? 'CMNDPhuHuynh' : 'CCCDPhuHuynh']: guardianRef.id
        }),
    DiaChi: address.line,
    MaPhuongXa: wardWritten,
    TrangThai: 'Đang học',
    NgayCapNhat: changedAt(ctx.style, `${startYear}-09-0${ctx.style.int(1, 9)}`, ctx.asOf),
    DaXoa: false
  }
  if (invalid) {
    ctx.invalidate(record, code, [
      ['id-11-digits', 'MaDinhDanh', r => { r.MaDinhDanh = p.personalId.slice(0, 11) }],
      ['impossible-date', 'NgaySinh', r => { r.NgaySinh = `31/02/${yearOf(p.birthDate)}` }],
      ['unknown-code', 'CapHoc', r => { r.CapHoc = 'MN' }],
      ['missing-required', 'HoTen', r => { delete r.HoTen }]
    ])
  } else {
    ctx.canonical(code, {
      enrolmentId: `${code}-${schoolYear}`,
      studentCode: code,
      studentPersonalId: p.personalId,
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      schoolYear,
      school: { code: schoolCode, name: schoolName, level: level.level, wardCode: address.wardCode },
      grade,
      className,
      ...(guardian === undefined
        ? {}
        : { guardian: { personalId: guardian.person.personalId, fullName: guardian.person.fullName,
          relation: guardian.relation } }),
      address: { line: address.line, wardCode: address.wardCode },
      status: 'enrolled'
    })
  }
  ctx.write(record)
}
