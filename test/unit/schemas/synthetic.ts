// One invented record per canonical entity, different from the schemas' own examples, typed with
// the types derived from the schemas. All people, places and numbers here are synthetic.
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import type { CanonicalSchemaName } from '../../../schemas/validator.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'
import type { Person } from '../../../schemas/person.js'
import type { Household } from '../../../schemas/household.js'
import type { HouseholdMembership } from '../../../schemas/household-membership.js'
import type { BirthRegistration } from '../../../schemas/birth-registration.js'
import type { MarriageRegistration } from '../../../schemas/marriage-registration.js'
import type { DeathRegistration } from '../../../schemas/death-registration.js'
import type { Residence } from '../../../schemas/residence.js'
import type { LandParcel } from '../../../schemas/land-parcel.js'
import type { LandUseCertificate } from '../../../schemas/land-use-certificate.js'
import type { HealthInsuranceCard } from '../../../schemas/health-insurance-card.js'
import type { BusinessHousehold } from '../../../schemas/business-household.js'
import { sourceSyntheticRecords } from './sources/synthetic.js'

const changeEvent: ChangeEvent = {
  specversion: '1.0',
  id: 'residence:registrations:R-94-000017:2025-08-01T01:00:00.000Z',
  source: '/connectors/residence/registrations',
  type: 'vn.lienthong.registrations.deleted',
  subject: '094301000017',
  time: '2025-08-01T01:00:00.000Z',
  datacontenttype: 'application/json',
  op: 'd',
  sourcekey: 'R-94-000017',
  position: '2025-08-01T01:00:00.000Z|R-94-000017',
  connectorid: 'residence',
  connectorversion: '0.3.1-beta.2',
  ingesttime: '2025-08-01T01:00:02.000Z',
  data: null
}

const person: Person = {
  personalId: '094301000017',
  fullName: 'Lý Thị Thảo',
  familyName: 'Lý',
  middleName: 'Thị',
  givenName: 'Thảo',
  otherName: 'Néang Thảo',
  birthDate: '2001-12-31',
  sex: 'female',
  placeOfBirth: 'Sóc Trăng',
  hometown: 'Phường Vĩnh Châu, thành phố Cần Thơ',
  ethnicityCode: '05',
  religionCode: '01',
  nationality: 'VN',
  maritalStatus: 'single',
  occupation: 'Sinh viên',
  phone: '02993123456',
  email: 'thao.ly@example.org'
}

const household: Household = {
  householdId: 'CT01-31783-2024-0009',
  headPersonalId: '094055000901',
  address: { line: 'Ấp Biển Trên', wardCode: '31783' },
  members: [
    { personalId: '094301000017', relationToHead: '05' },
    { personalId: '094055000901', fullName: 'Lý Văn Sơn', relationToHead: '01' },
    { personalId: '094160000902', relationToHead: '08' }
  ]
}

const membership: HouseholdMembership = {
  householdId: 'CT01-31783-2024-0009',
  personalId: '094301000017',
  headPersonalId: '094055000901',
  relationToHead: '05',
  wardCode: '31783',
  fromDate: '2002-01-15',
  toDate: '2024-09-01'
}

const birth: BirthRegistration = {
  registrationId: 'KS.94.2001.0117',
  registrationDate: '2002-01-10',
  registeringAuthority: { name: 'UBND thị trấn Vĩnh Châu' },
  child: { fullName: 'Lý Thị Thảo', sex: 'female', birthDate: '2001-12-31',
    placeOfBirth: 'Trạm y tế thị trấn Vĩnh Châu', ethnicityCode: '05' },
  mother: { fullName: 'Thạch Thị Sa Rây', birthYear: 1979, ethnicityCode: '05', nationality: 'VN' }
}

const marriage: MarriageRegistration = {
  registrationId: 'KH-31507-2023-0042',
  registrationNumber: '42/2023',
  registrationDate: '2023-03-08',
  registeringAuthority: { name: 'UBND phường 2, thành phố Sóc Trăng', wardCode: '31507' },
  spouses: [
    { fullName: 'Trần Hữu Phong', birthDate: '1995-10-20', personalId: '094095001122', nationality: 'VN' },
    { fullName: 'Kim Ji Yeon', birthDate: '1997-04-11', passportNumber: 'M12345678', nationality: 'KR' }
  ]
}

const death: DeathRegistration = {
  registrationId: 'KT-31153-2025-0003',
  registrationDate: '2025-07-20',
  registeringAuthority: { name: 'UBND phường Ô Môn', wardCode: '31153' },
  deceased: { fullName: 'Đỗ Văn Long' },
  dateOfDeath: '2025-07-18',
  placeOfDeath: 'Bệnh viện Đa khoa thành phố Cần Thơ'
}

const residence: Residence = {
  personalId: '094301000017',
  kind: 'temporary',
  address: { line: 'Phòng 12, ký túc xá khu B, đường 3 Tháng 2', wardCode: '31147' },
  fromDate: '2024-09-01',
  toDate: '2026-08-31'
}

const parcel: LandParcel = {
  parcelId: '31299-7-1024',
  oldWardCode: '31299',
  mapSheet: 7,
  parcelNumber: 1024,
  areaM2: 2450,
  landUsePurposes: ['CLN'],
  address: { line: 'Ấp Nhơn Lộc 1', wardCode: '31299' }
}

const certificate: LandUseCertificate = {
  serial: 'CS 123456',
  registerEntry: 'CS 01234',
  issuingBody: { name: 'Sở Tài nguyên và Môi trường thành phố Cần Thơ' },
  issueDate: '2019-04-02',
  holderPersonalIds: ['092060004455'],
  parcelIds: ['31299-7-1024', '31299-7-1025']
}

const card: HealthInsuranceCard = {
  cardNumber: 'TE1949412345678',
  socialInsuranceNumber: '9412345678',
  beneficiaryGroup: 'TE',
  holderPersonalId: '094320000123',
  benefitLevel: 1,
  validFrom: '2020-06-01',
  validTo: '2026-05-31',
  initialFacilityCode: '94A01'
}

const business: BusinessHousehold = {
  registrationNumber: '59E8000123',
  name: 'Hộ kinh doanh Quán cơm Long',
  ownerPersonalId: '092078003344',
  businessLines: [{ description: 'Quán ăn, cơm bình dân' }, { code: '56101', description: 'Nhà hàng, quán ăn' }],
  address: { line: '45 đường Cách Mạng Tháng 8', wardCode: '31168' },
  registrationDate: '2015-02-14',
  status: 'suspended'
}

const canonicalEvent: CanonicalEvent = {
  id: 'bhyt:cards:HS4920120878811:2026-05-02T01:00:00.000Z#health-insurance-card:HS4920120878811',
  entity: 'health-insurance-card',
  entityId: 'HS4920120878811',
  op: 'delete',
  source: {
    system: 'bhyt',
    connector: 'health-insurance',
    connectorVersion: '2.1.0',
    sourceKey: 'HS4920120878811',
    sourceTime: '2026-05-02T01:00:00.000Z',
    ingestTime: '2026-05-02T01:00:03.500Z',
    position: '2026-05-02T01:00:00.000Z|HS4920120878811'
  },
  fields: {},
  rawEventId: 'bhyt:cards:HS4920120878811:2026-05-02T01:00:00.000Z',
  warnings: [{ code: 'LT_WARN_ID_BIRTH_YEAR_MISMATCH', message: 'birth year differs from the personal id' }]
}

export const syntheticRecords: Record<CanonicalSchemaName, unknown> = {
  'change-event': changeEvent,
  'canonical-event': canonicalEvent,
  person,
  household,
  'household-membership': membership,
  'birth-registration': birth,
  'marriage-registration': marriage,
  'death-registration': death,
  residence,
  'land-parcel': parcel,
  'land-use-certificate': certificate,
  'health-insurance-card': card,
  'business-household': business,
  ...sourceSyntheticRecords
}
