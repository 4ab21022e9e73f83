// Ground truth of the synthetic city: what each golden record should be once the hub has merged
// every source, which source records are invalid and why, and which disagreements were injected.
// One JSON object per line in truth.ndjson, told apart by `type`. Values are canonical: NFC
// title-case names, ISO dates, current (2025) ward codes, 'male' | 'female'.
import type { DepartmentId } from './departments.js'

// Relation to the household head (our code list; the residence law publishes none).
export const RELATION_CODES = {
  '01': 'Chủ hộ (head)',
  '02': 'Vợ/chồng (spouse)',
  '03': 'Con (child)',
  '04': 'Cha/mẹ (parent)',
  '05': 'Cháu (grandchild)',
  '06': 'Anh/chị/em (sibling)',
  '07': 'Ông/bà (grandparent)',
  '08': 'Con dâu/con rể (child-in-law)',
  '09': 'Khác (other)'
} as const
export type RelationCode = keyof typeof RELATION_CODES

export interface Address { wardCode: string, oldWardCode: string, line: string }

export interface TruthPerson {
  type: 'person'
  personalId: string
  legacyId?: string
  fullName: string
  birthDate: string
  sex: 'male' | 'female'
  ethnicityCode: string
  religionCode: string
  nationality: 'VN'
  birthPlace: string
  deathDate?: string
  householdId: string
  relationToHead: RelationCode
  fatherId?: string
  motherId?: string
  spouseId?: string
  permanentAddress: Address
  temporaryAddress?: Address & { from: string, to: string }
  socialInsuranceNumber?: string
}

export interface TruthHousehold {
  type: 'household'
  householdId: string
  headId: string
  address: Address
  members: Array<{ personalId: string, relationToHead: RelationCode }>
}

export interface TruthMarriage {
  type: 'marriage'
  registrationNo: string
  husbandId: string
  wifeId: string
  date: string
  wardCode: string
}

export interface TruthParcel {
  type: 'parcel'
  parcelId: string
  oldCommuneCode: string
  sheet: number
  parcel: number
  wardCode: string
  areaM2: number
  purposes: string[]
  address: string
  certificate: { serial: string, registerNo: string, issuedOn: string, issuer: string }
  holderIds: string[]
}

export interface TruthCard {
  type: 'card'
  socialInsuranceNumber: string
  cardNumber: string
  personalId: string
  group: string
  benefitLevel: number
  validFrom: string
  validTo: string
  facilityCode: string
}

export interface TruthBusiness {
  type: 'business'
  registrationNo: string
  name: string
  ownerId: string
  wardCode: string
  address: string
  sectorCode: string
  sector: string
  capitalVnd: number
  employees: number
  registeredOn: string
  status: 'active' | 'suspended'
}

export type InvalidReason = 'id-11-digits' | 'impossible-date' | 'missing-required'

export interface TruthInvalid {
  type: 'invalid'
  department: DepartmentId
  stream: string
  key: string
  field: string
  reason: InvalidReason
  entityKey: string
}

export type ConflictField = 'fullName' | 'birthDate' | 'sex' | 'wardCode'

export interface TruthConflict {
  type: 'conflict'
  entity: 'person'
  entityKey: string
  field: ConflictField
  values: Partial<Record<DepartmentId, string>>
  winner: DepartmentId
  department: DepartmentId
  stream: string
  key: string
}

// Differences of form that are not disagreements: the hub must see through them.
export interface TruthVariant {
  type: 'variant'
  kind: 'legacy-id' | 'old-ward'
  department: DepartmentId
  stream: string
  key: string
  entityKey: string
  written: string
  canonical: string
}

export type TruthEntry =
  | TruthPerson | TruthHousehold | TruthMarriage | TruthParcel | TruthCard | TruthBusiness
  | TruthInvalid | TruthConflict | TruthVariant
