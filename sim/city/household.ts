// One household of the synthetic city and everything that hangs off it: its members (head,
// spouse, children, sometimes the head's parents or grandchildren), their marriages, BHYT cards,
// land parcels and business households. This is the truth; dialects/ renders it per source.
import { BHYT_GROUP_CODES, provinceName } from '../../schemas/vietnam/index.js'
import type { Random } from '../random.js'
import type { IdAllocator } from './ids.js'
import { addressLine, pickWard, places, REGION_ID_PREFIX, REGION_PROVINCE_CODE, type Region,
  type Ward } from './places.js'
import { NEIGHBOUR_PREFIXES, pickEthnicity, pickFamilyName, pickPersonName, pickReligion } from './people.js'
import { addDays, addYears, ageAt, randomDate, yearOf } from './time.js'
import type { Address, RelationCode, TruthBusiness, TruthCard, TruthHousehold, TruthMarriage, TruthParcel,
  TruthPerson } from './truth.js'

export interface HouseholdTruth {
  region: Region
  household: TruthHousehold
  persons: TruthPerson[]
  marriages: TruthMarriage[]
  parcels: TruthParcel[]
  cards: TruthCard[]
  businesses: TruthBusiness[]
}

type Sex = 'male' | 'female'
interface Draft {
  sex: Sex
  birthDate: string
  relation: RelationCode
  familyName: string
  father?: number
  mother?: number
  spouse?: number
  deathDate?: string
}

type Kind = 'single' | 'couple' | 'nuclear' | 'single-parent' | 'with-parents' | 'with-grandchildren'
const KINDS: ReadonlyArray<readonly [Kind, number]> = [
  ['single', 10], ['couple', 9], ['nuclear', 46], ['single-parent', 7], ['with-parents', 18], ['with-grandchildren', 10]
]

const other = (sex: Sex): Sex => sex === 'male' ? 'female' : 'male'

export interface HouseholdContext { random: Random, ids: IdAllocator, asOf: string, maxMembers: number }

export function buildHousehold ({ random, ids, asOf, maxMembers }: HouseholdContext): HouseholdTruth {
  const today = asOf.slice(0, 10)
  const year = yearOf(today)
  const ward = pickWard(random)
  const region = ward.region
  const oldWardCode = random.pick(ward.oldCodes)
  const address: Address = { wardCode: ward.unit.code, oldWardCode, line: addressLine(random, ward) }
  const ethnicity = pickEthnicity(random, region)
  const kind = random.weighted(KINDS)

  const drafts: Draft[] = []
  const add = (d: Draft): number => drafts.push(d) - 1
  const bornAround = (fromAge: number, toAge: number): string =>
    randomDate(random, `${year - toAge}-01-01`, `${year - fromAge}-12-31`)
  const childOf = (mother: Draft, minAge = 19, maxAge = 40): string | undefined => {
    const from = addYears(mother.birthDate, minAge)
    const to = addYears(mother.birthDate, maxAge)
    if (from > today) return undefined
    return randomDate(random, from, to < today ? to : today)
  }

  const headAge: Record<Kind, [number, number]> = {
    single: [20, 85], couple: [22, 80], nuclear: [25, 55], 'single-parent': [25, 55], 'with-parents': [28, 50],
    'with-grandchildren': [55, 75]
  }
  const headSex: Sex = kind === 'single-parent' ? random.weighted([['female', 70], ['male', 30]] as const)
    : random.chance(kind === 'single' ? 0.5 : 0.78) ? 'male' : 'female'
  const head = add({ sex: headSex, birthDate: bornAround(...headAge[kind]), relation: '01',
    familyName: pickFamilyName(random, ethnicity) })

  let spouse: number | undefined
  if (kind !== 'single' && kind !== 'single-parent') {
    const h = drafts[head]
    const gap = h.sex === 'male' ? -random.int(0, 6) : random.int(0, 6)
    const birthDate = addDays(addYears(h.birthDate, -gap), random.int(-150, 150))
    spouse =
      add({ sex: other(h.sex), birthDate, relation: '02', familyName: pickFamilyName(random, ethnicity), spouse: head })
    drafts[head].spouse = spouse
    if (kind === 'with-grandchildren' && random.chance(0.15)) {
      drafts[spouse].deathDate = randomDate(random, addYears(drafts[spouse].birthDate, 50), today)
    }
  }
  const father = drafts[head].sex === 'male' ? head : spouse
  const mother = drafts[head].sex === 'female' ? head : spouse
  const childFamily = father !== undefined ? drafts[father].familyName : drafts[head].familyName

  if (kind === 'with-parents') {
    const h = drafts[head]
    const dad = add({ sex: 'male', birthDate: addDays(addYears(h.birthDate, -random.int(24, 35)),
      random.int(-150, 150)), relation: '04', familyName: h.familyName })
    const mum = add({ sex: 'female', birthDate: addDays(addYears(drafts[dad].birthDate, random.int(0, 5)),
      random.int(-150, 150)), relation: '04', familyName: pickFamilyName(random, ethnicity), spouse: dad })
    drafts[dad].spouse = mum
    h.father = dad
    h.mother = mum
    for (const p of [dad, mum]) {
      if (ageAt(drafts[p].birthDate, today) > 68 && random.chance(0.35)) {
        drafts[p].deathDate = randomDate(random, addYears(drafts[p].birthDate, 60), today)
      }
    }
  }

  if (kind === 'nuclear' || kind === 'single-parent' || kind === 'with-parents') {
    const count = random.weighted(kind === 'with-parents' ? [[0, 15], [1, 35], [2, 35], [3, 15]] as const
      : [[1, 35], [2, 45], [3, 20]] as const)
    const m = drafts[mother ?? head]
    for (let i = 0; i < count; i++) {
      const birthDate = childOf(m)
      if (birthDate === undefined) break
      const sex: Sex = random.chance(0.512) ? 'male' : 'female'
      add({ sex, birthDate, relation: '03', familyName: childFamily, father, mother })
    }
  }

  if (kind === 'with-grandchildren') {
    const m = drafts[mother ?? head]
    const childBirth = childOf(m, 20, 35) as string
    const childSex: Sex = random.chance(0.5) ? 'male' : 'female'
    const child = add({ sex: childSex, birthDate: childBirth, relation: '03', familyName: childFamily, father, mother })
    const inLaw = add({ sex: other(childSex), birthDate: addDays(childBirth, random.int(-1500, 1500)), relation: '08',
      familyName: pickFamilyName(random, ethnicity), spouse: child })
    drafts[child].spouse = inLaw
    const [gFather, gMother] = childSex === 'male' ? [child, inLaw] : [inLaw, child]
    const count = random.int(1, 2)
    for (let i = 0; i < count; i++) {
      const birthDate = childOf(drafts[gMother], 20, 38)
      if (birthDate === undefined) break
      add({ sex: random.chance(0.512) ? 'male' : 'female', birthDate, relation: '05',
        familyName: drafts[gFather].familyName, father: gFather, mother: gMother })
    }
  }

  // The last household of a run is cut to the exact number of citizens asked for; members come
  // after the people they point to, so cutting from the end leaves no dangling reference.
  const kept = drafts.slice(0, Math.max(1, maxMembers))
  const householdId = ids.householdId(ward.unit.code)
  const persons = kept.map(d => toPerson(random, ids, d, ethnicity, region, householdId, address, today))
  const idAt = (i: number | undefined): string | undefined => i !== undefined && i < persons.length
    ? persons[i].personalId : undefined
  kept.forEach((d, i) => {
    const p = persons[i]
    const fatherId = idAt(d.father)
    const motherId = idAt(d.mother)
    const spouseId = idAt(d.spouse)
    if (fatherId !== undefined) p.fatherId = fatherId
    if (motherId !== undefined) p.motherId = motherId
    if (spouseId !== undefined) p.spouseId = spouseId
  })

  const marriages: TruthMarriage[] = []
  kept.forEach((d, i) => {
    if (d.sex !== 'male' || d.spouse === undefined || d.spouse >= kept.length) return
    const wife = kept[d.spouse]
    const younger = d.birthDate > wife.birthDate ? d.birthDate : wife.birthDate
    const firstChild = kept.filter(c => c.father === i).map(c => c.birthDate).sort()[0]
    let date = randomDate(random, addYears(younger, 19), addYears(younger, 28))
    if (firstChild !== undefined && date > firstChild) date = addDays(firstChild, -random.int(200, 700))
    if (date > today) date = today
    marriages.push({ type: 'marriage', registrationNo: ids.marriageNo(yearOf(date)), husbandId: persons[i].personalId,
      wifeId: persons[d.spouse].personalId, date, wardCode: ward.unit.code })
  })

  const cards = persons.flatMap(p => p.deathDate === undefined && random.chance(0.92)
    ? [card(random, ids, p, region, today)] : [])
  const living = persons.filter(p => p.deathDate === undefined)
  const holders = [persons[0], ...(persons[1]?.relationToHead === '02' && persons[1].deathDate === undefined
    && random.chance(0.5) ? [persons[1]] : [])]
  const parcels = landOf(random, ids, ward, address, holders, today)
  const owners = living.filter(p => ageAt(p.birthDate, today) >= 20 && ageAt(p.birthDate, today) <= 70
    && (p.relationToHead === '01' || p.relationToHead === '02'))
  const businesses = owners.length > 0 && random.chance(0.1)
    ? [business(random, ids, owners[random.chance(0.8) ? 0 : owners.length - 1], address, today)] : []

  const household: TruthHousehold = {
    type: 'household',
    householdId,
    headId: persons[0].personalId,
    address,
    members: persons.map(p => ({ personalId: p.personalId, relationToHead: p.relationToHead }))
  }
  for (const c of cards) {
    const p = persons.find(x => x.personalId === c.personalId) as TruthPerson
    p.socialInsuranceNumber = c.socialInsuranceNumber
  }
  return { region, household, persons, marriages, parcels, cards, businesses }
}

function toPerson (random: Random, ids: IdAllocator, d: Draft, ethnicity: string, region: Region, householdId: string,
  address: Address, today: string): TruthPerson {
  const birthYear = yearOf(d.birthDate)
  const prefix = random.weighted<string>([
    [REGION_ID_PREFIX[region], 88],
    ...Object.values(REGION_ID_PREFIX).filter(p => p !== REGION_ID_PREFIX[region]).map(p => [p, 4.5] as const),
    [random.pick(NEIGHBOUR_PREFIXES), 3]
  ])
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (d.sex === 'female' ? 1 : 0)
  const person: TruthPerson = {
    type: 'person',
    personalId: ids.personalId(prefix, centuryDigit, birthYear),
    fullName: pickPersonName(random, d.familyName, d.sex, ethnicity),
    birthDate: d.birthDate,
    sex: d.sex,
    ethnicityCode: ethnicity,
    religionCode: pickReligion(random, ethnicity),
    nationality: 'VN',
    birthPlace: provinceName(prefix) ?? 'Cần Thơ',
    householdId,
    relationToHead: d.relation,
    permanentAddress: address
  }
  // The 9-digit card was issued from age 14 until the 12-digit one replaced it (2016-2021).
  if (birthYear < 2002 && random.chance(0.85)) person.legacyId = ids.cmnd()
  if (d.deathDate !== undefined) person.deathDate = d.deathDate < d.birthDate ? d.birthDate : d.deathDate
  const age = ageAt(d.birthDate, today)
  if (d.deathDate === undefined && age >= 18 && age <= 30 && random.chance(0.08)) {
    const ward = pickWard(random)
    const from = randomDate(random, `${yearOf(today) - 3}-01-01`, today)
    person.temporaryAddress = { wardCode: ward.unit.code, oldWardCode: random.pick(ward.oldCodes),
      line: addressLine(random, ward), from, to: addYears(from, 2) }
  }
  return person
}

const LEVEL: Record<string, number> = { TE: 1, CC: 1, HN: 1, TB: 2, HT: 2, CB: 2 }

function card (random: Random, ids: IdAllocator, p: TruthPerson, region: Region, today: string): TruthCard {
  const age = ageAt(p.birthDate, today)
  const year = yearOf(today)
  const weights: ReadonlyArray<readonly [string, number]> = age < 6
    ? [['TE', 1]]
    : age < 18 ? [['HS', 90], ['HN', 10]]
      : age < 23 ? [['SV', 50], ['GD', 40], ['DN', 10]]
        : age < 60 ? [['DN', 40], ['GD', 35], ['HN', 8], ['CN', 5], ['HC', 7], ['XK', 5]]
          : [['HT', 35], ['GD', 35], ['CB', 10], ['TB', 5], ['CC', 5], ['HN', 10]]
  const group = random.weighted(weights)
  if (!BHYT_GROUP_CODES.includes(group)) throw new Error(`BHYT group ${group} is not in the Vietnam rules`)
  const level = LEVEL[group] ?? 4
  const provinceCode = REGION_PROVINCE_CODE[region]
  const ssn = ids.socialInsuranceNumber(provinceCode)
  const expired = group !== 'TE' && random.chance(0.05)
  const validFrom = group === 'TE' ? p.birthDate : `${expired ? year - 1 : year}-01-01`
  const validTo = group === 'TE' ? addDays(addYears(p.birthDate, 6), -1) : `${expired ? year - 1 : year}-12-31`
  return {
    type: 'card',
    socialInsuranceNumber: ssn,
    cardNumber: random.chance(0.35) ? `${group}${level}${provinceCode}${ssn}` : ssn,
    personalId: p.personalId,
    group,
    benefitLevel: level,
    validFrom,
    validTo,
    facilityCode: `${provinceCode}${String(random.int(1, 40)).padStart(3, '0')}`
  }
}

const SERIES: ReadonlyArray<readonly [number, readonly string[]]> = [[2009, ['AA', 'AB', 'AC']],
  [2019, ['BA', 'BB', 'BC', 'BD', 'BE', 'BG']], [9999, ['CS', 'CT', 'CV', 'DA', 'DB']]]
const AGRI: ReadonlyArray<readonly [string, number, number]> = [['LUC', 2000, 20000], ['CLN', 1000, 8000],
  ['NTS', 1000, 6000], ['HNK', 500, 4000]]
const ISSUER: Record<Region, string> = { cantho: 'thành phố Cần Thơ', haugiang: 'tỉnh Hậu Giang',
  soctrang: 'tỉnh Sóc Trăng' }

function landOf (random: Random, ids: IdAllocator, ward: Ward, address: Address, holders: TruthPerson[],
  today: string): TruthParcel[] {
  const urban = ward.unit.kind === 'phuong'
  const plots: Array<[string[], number]> = []
  if (random.chance(urban ? 0.7 : 0.85)) {
    plots.push(urban ? [['ODT'], random.int(400, 2500) / 10] : [['ONT', 'CLN'], random.int(1500, 15000) / 10])
  }
  if (random.chance(urban ? 0.1 : 0.5)) {
    const [code, min, max] = random.pick(AGRI)
    plots.push([[code], random.int(min, max)])
  }
  const head = holders[0]
  return plots.map(([purposes, areaM2]) => {
    const { sheet, parcel } = ids.parcel(address.oldWardCode)
    const from = addYears(head.birthDate, 18) > '1994-01-01' ? addYears(head.birthDate, 18) : '1994-01-01'
    const issuedOn = randomDate(random, from < today ? from : today, today)
    const issueYear = yearOf(issuedOn)
    const series = random.pick((SERIES.find(([until]) => issueYear < until) as [number, readonly string[]])[1])
    const entry = ids.registerEntry(address.oldWardCode)
    return {
      type: 'parcel',
      parcelId: `${address.oldWardCode}-${sheet}-${parcel}`,
      oldCommuneCode: address.oldWardCode,
      sheet,
      parcel,
      wardCode: address.wardCode,
      areaM2,
      purposes,
      address: purposes.includes('ODT') || purposes.includes('ONT') ? address.line
        : addressLine(random, places().byCode.get(address.wardCode) as Ward),
      certificate: {
        serial: `${series} ${ids.certificateNumber()}`,
        registerNo: issueYear < 2009 ? `${String(entry).padStart(5, '0')}/QSDĐ` : `CS${String(entry).padStart(5, '0')}`,
        issuedOn,
        issuer: issueYear < 2009 ? 'UBND cấp huyện' : `Sở Tài nguyên và Môi trường ${ISSUER[ward.region]}`
      },
      holderIds: holders.map(h => h.personalId)
    }
  })
}

const SECTORS: ReadonlyArray<readonly [string, string, string]> = [
  ['4711', 'Bán lẻ lương thực, thực phẩm, tạp hóa', 'Tạp hóa'],
  ['5610', 'Nhà hàng, quán ăn', 'Quán ăn'],
  ['5630', 'Quán cà phê, giải khát', 'Cà phê'],
  ['9631', 'Cắt tóc, làm đầu, gội đầu', 'Tiệm tóc'],
  ['4542', 'Bảo dưỡng, sửa chữa mô tô, xe máy', 'Sửa xe'],
  ['1079', 'Sản xuất thực phẩm khác (bánh tráng, bánh pía)', 'Lò bánh'],
  ['4781', 'Bán lẻ lương thực, thực phẩm tại chợ', 'Sạp chợ']
]

function business (random: Random, ids: IdAllocator, owner: TruthPerson, address: Address,
  today: string): TruthBusiness {
  const [sectorCode, sector, label] = random.pick(SECTORS)
  const given = owner.fullName.split(' ').slice(-1)[0]
  const from = addYears(owner.birthDate, 20) > '2000-01-01' ? addYears(owner.birthDate, 20) : '2000-01-01'
  return {
    type: 'business',
    registrationNo: ids.businessNo(),
    name: `${label} ${given}`,
    ownerId: owner.personalId,
    wardCode: address.wardCode,
    address: address.line,
    sectorCode,
    sector,
    capitalVnd: random.int(10, 500) * 1_000_000,
    employees: random.int(1, 6),
    registeredOn: randomDate(random, from < today ? from : today, today),
    status: random.chance(0.92) ? 'active' : 'suspended'
  }
}
