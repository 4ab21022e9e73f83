// Every endpoint that returns personal data, in one list: the access matrix runs each against every
// client, subject and purpose, and fails when the OpenAPI document shows a personal-data endpoint
// (one taking X-Purpose) missing from this list. A new endpoint adds its line here, and the
// records it reads to seedMatrixCity, so the field checks see real data.
import type { EntityName } from '../../gateway/security/entities.js'
import type { Store } from '../../infra/ports/store.js'
import type { Person } from '../../schemas/person.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import { candidateFields } from '../../gateway/routes/citizens/search.js'
import { canonicalEvent, harness } from '../unit/merger/fixtures.js'

export interface PersonalDataEndpoint {
  /** As in the OpenAPI document: method and path template. */
  route: string
  /**
   * A former path kept as a hidden, deprecated alias (gateway/openapi/renamed-paths.ts): not in the document, but it
   * still serves data, so it stays in the matrix.
   */
  deprecatedAlias?: true
  entity: EntityName
  /** The request about one subject (a 12-digit personal id; other ids are derived from it). */
  request: (subject: string, person?: Person, purpose?: string) => { method: 'GET' | 'POST', url: string,
    payload?: Record<string, unknown> }
  /** The records of a 2xx body that carry granted fields. */
  records: (body: any) => Array<Record<string, unknown>>
  /** Status of an allowed read, for a subject the test seeded (as a citizen) or not. */
  expectedStatus: (held: boolean) => number
  /** Only operator clients may call it: any other client gets 403 whatever its grants. */
  operatorsOnly?: boolean
  /** When the records are the subject's own person record: the fields they may carry, given the grant. */
  subjectRecord?: (granted: readonly string[]) => readonly string[]
  /** The subjects the audit entry of a 2xx names; default: the subject. */
  auditedSubjects?: (subject: string, held: boolean) => string[]
}

const one = (body: any): Array<Record<string, unknown>> => [body.data]
const listOfRecords = (body: any): Array<Record<string, unknown>> =>
  (body.data as Array<{ data: Record<string, unknown> }>).map(r => r.data)
const wholeRecord = (granted: readonly string[]): readonly string[] => granted
const onlyWhenHeld = (subject: string, held: boolean): string[] => held ? [subject] : []

// Keys of the records seedMatrixCity writes for a held subject, derived from the personal id.
export const matrixKeys = (id: string) => ({
  household: `HK-${id}`,
  parcel: `31147-12-${Number(id.slice(-3)) + 1}`,
  // Never a substring of the personal id, so a search of the body for one cannot hit the other.
  cmnd: `3${id.slice(-8)}`,
  socialInsuranceNumber: `79${id.slice(-8)}`,
  business: `57A8${id.slice(-6)}`,
  serial: `AA ${id.slice(-8)}`,
  // A driving-licence number: 12 digits, neither the personal id nor containing another key.
  licence: `93${id.slice(-10)}`,
  // An unemployment-benefit decision key (benefitId): the decision number and year, ASCII.
  benefit: `${id.slice(-6)}-QD-SNV-2025`,
  // A pupil's student code (mã học sinh) and the enrolment key: the code and the school year.
  student: `HS${id.slice(-7)}`,
  enrolment: `HS${id.slice(-7)}-2025-2026`,
  // A notarization key (notarizationId): office code, year, number.
  notarization: `PCC1-2025-${id.slice(-6)}`,
  // A civil servant's staff code (mã số CBCCVC).
  staff: `CB${id.slice(-8)}`,
  // A social-allowance case file (caseId): served by the same /benefits route under its own grant.
  socialCase: `HS-${id.slice(-7)}`,
  // A civil-status register number: the source key of the person's civil-status events, never a field.
  register: `KH-2024-${id.slice(-6)}`,
  // A construction-permit key (permitId): the permit number and year, ASCII.
  permit: `${id.slice(-6)}-GPXD-2024`
})

/**
 * Every identifier of a held subject, and the grant fields (per entity) that cover it: a response
 * may carry it only when the grant of the endpoint's entity names one of them (or the client sent it).
 */
export function subjectIdentifiers (id: string): Array<{ name: string, value: string,
  coveredBy: Partial<Record<EntityName, string[]>> }> {
  const k = matrixKeys(id)
  return [
    { name: 'personal id', value: id, coveredBy: { person: ['personalId'], household: ['headPersonalId', 'members'],
      'land-parcel': ['holderPersonalIds'], 'land-use-certificate': ['holderPersonalIds'],
      'health-insurance-card': ['holderPersonalId'], 'business-household': ['ownerPersonalId'],
      'driver-licence': ['holderPersonalId'], 'unemployment-benefit': ['personalId'],
      'student-enrolment': ['studentPersonalId'], notarization: ['parties'], 'construction-permit': ['ownerPersonalIds',
      'owners'], 'civil-servant': ['personalId'], 'social-beneficiary': ['personalId'] } },
    { name: 'household id', value: k.household, coveredBy: { person: ['householdId'], household: ['householdId'] } },
    { name: 'parcel id', value: k.parcel, coveredBy: { 'land-parcel': ['parcelId'],
      'land-use-certificate': ['parcelIds'], notarization: ['property', 'property.parcelIds'],
      'construction-permit': ['parcelIds'] } },
    { name: 'CMND', value: k.cmnd, coveredBy: { person: ['legacyCmnd'] } },
    { name: 'social-insurance number', value: k.socialInsuranceNumber,
      coveredBy: { 'health-insurance-card': ['socialInsuranceNumber', 'cardNumber'],
      'unemployment-benefit': ['socialInsuranceNumber'] } },
    { name: 'business registration', value: k.business, coveredBy: { 'business-household': ['registrationNumber'] } },
    { name: 'certificate serial', value: k.serial, coveredBy: { 'land-use-certificate': ['serial'],
      notarization: ['property', 'property.certificateSerial'], 'construction-permit': ['certificateSerial'] } },
    { name: 'driving-licence number', value: k.licence, coveredBy: { 'driver-licence': ['licenceNumber'] } },
    { name: 'unemployment-benefit decision', value: k.benefit, coveredBy: { 'unemployment-benefit': ['benefitId'] } },
    { name: 'student code', value: k.student, coveredBy: { 'student-enrolment': ['studentCode', 'enrolmentId'] } },
    { name: 'notarization key', value: k.notarization, coveredBy: { notarization: ['notarizationId'] } },
    { name: 'construction permit', value: k.permit, coveredBy: { 'construction-permit': ['permitId'] } },
    { name: 'staff code', value: k.staff, coveredBy: { 'civil-servant': ['staffCode'] } },
    { name: 'social-allowance case', value: k.socialCase, coveredBy: { 'social-beneficiary': ['caseId'] } },
    { name: 'civil-status register number', value: k.register, coveredBy: {} }
  ]
}

/** Where a value sits in a body (meta, nested objects, list items): JSON paths of the strings holding it. */
export function pathsHolding (node: unknown, value: string, at = '$'): string[] {
  if (typeof node === 'string' || typeof node === 'number') return String(node).includes(value) ? [at] : []
  if (Array.isArray(node)) return node.flatMap((item, i) => pathsHolding(item, value, `${at}[${i}]`))
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, v]) => [...(key.includes(value) ? [`${at}{key ${key}}`] : []),
      ...pathsHolding(v, value, `${at}.${key}`)])
  }
  return []
}

const linkedList = (entity: EntityName, path: string): PersonalDataEndpoint => ({
  route: `GET /v1/citizens/{personalId}/${path}`, entity, request: id => ({ method: 'GET',
    url: `/v1/citizens/${id}/${path}` }), records: listOfRecords, expectedStatus: held => held ? 200 : 404
})

export const personalDataEndpoints: PersonalDataEndpoint[] = [
  { route: 'GET /v1/citizens/{personalId}', entity: 'person', request: id => ({ method: 'GET',
    url: `/v1/citizens/${id}` }), records: one, expectedStatus: held => held ? 200 : 404, subjectRecord: wholeRecord },
  { route: 'GET /v1/citizens/{personalId}/access-log', entity: 'access-log', request: id =>
    ({ method: 'GET', url: `/v1/citizens/${id}/access-log` }), records: body => body.data, expectedStatus: () => 200 },
  { route: 'GET /v1/citizens/{personalId}/household', entity: 'household', request: id =>
    ({ method: 'GET', url: `/v1/citizens/${id}/household` }), records: one, expectedStatus: held => held ? 200 : 404 },
  linkedList('land-parcel', 'land-parcels'),
  linkedList('health-insurance-card', 'health-insurance'),
  linkedList('business-household', 'business-households'),
  linkedList('driver-licence', 'driver-licences'),
  linkedList('unemployment-benefit', 'benefits'),
  linkedList('student-enrolment', 'students'),
  linkedList('notarization', 'notarizations'),
  linkedList('construction-permit', 'construction-permits'),
  { route: 'GET /v1/households/{householdId}', entity: 'household', request: id => ({ method: 'GET',
    url: `/v1/households/${matrixKeys(id).household}` }), records: one, expectedStatus: held => held ? 200 : 404 },
  // Home affairs only: by staff code, never under a citizen (docs/sources/civil-servant.md).
  { route: 'GET /v1/civil-servants/{staffCode}', entity: 'civil-servant', request: id => ({ method: 'GET',
    url: `/v1/civil-servants/${matrixKeys(id).staff}` }), records: one, expectedStatus: held => held ? 200 : 404 },
  { route: 'GET /v1/land-parcels/{parcelId}', entity: 'land-parcel', request: id => ({ method: 'GET',
    url: `/v1/land-parcels/${matrixKeys(id).parcel}` }), records: one, expectedStatus: held => held ? 200 : 404 },
  { route: 'GET /v1/citizen-lookups/by-cmnd/{cmnd}', entity: 'person',
    request: id => ({ method: 'GET', url: `/v1/citizen-lookups/by-cmnd/${matrixKeys(id).cmnd}` }), records: one,
    expectedStatus: held => held ? 200 : 404, subjectRecord: wholeRecord },
  { deprecatedAlias: true, route: 'GET /v1/citizens/by-cmnd/{cmnd} (deprecated alias)', entity: 'person',
    request: id => ({ method: 'GET', url: `/v1/citizens/by-cmnd/${matrixKeys(id).cmnd}` }), records: one,
    expectedStatus: held => held ? 200 : 404, subjectRecord: wholeRecord },
  { route: 'GET /v1/citizen-lookups/by-health-insurance/{number}', entity: 'person', request: id =>
    ({ method: 'GET', url: `/v1/citizen-lookups/by-health-insurance/${matrixKeys(id).socialInsuranceNumber}` }),
    records: one, expectedStatus: held => held ? 200 : 404, subjectRecord: wholeRecord },
  { deprecatedAlias: true, route: 'GET /v1/citizens/by-health-insurance/{number} (deprecated alias)', entity: 'person',
    request: id => ({ method: 'GET', url: `/v1/citizens/by-health-insurance/${matrixKeys(id).socialInsuranceNumber}` }),
    records: one, expectedStatus: held => held ? 200 : 404, subjectRecord: wholeRecord },
  { route: 'GET /v1/land-parcels/by-certificate/{serial}', entity: 'land-parcel', request: id =>
    ({ method: 'GET', url: `/v1/land-parcels/by-certificate/${encodeURIComponent(matrixKeys(id).serial)}` }),
    records: listOfRecords, expectedStatus: held => held ? 200 : 404 },
  {
    route: 'POST /v1/citizens/search',
    entity: 'person',
    // Someone nobody is named like, for a subject the hub does not hold.
    request: (_id, p) => ({ method: 'POST', url: '/v1/citizens/search',
      payload: { fullName: p?.fullName ?? 'Không Ai Cả', birthDate: p?.birthDate ?? '1990-09-02',
      wardCode: p?.permanentAddress?.wardCode ?? '31117' } }),
    records: body => body.data,
    expectedStatus: () => 200,
    subjectRecord: granted => candidateFields.filter(f => isGranted(f, granted)),
    auditedSubjects: onlyWhenHeld
  },
  {
    route: 'POST /v1/prefill',
    entity: 'person',
    // The purpose of a prefill is its procedure; the marriage procedure also names a groom the hub
    // does not hold (his fields are asked, not read).
    request: (id, _p, purpose) => ({
      method: 'POST',
      url: '/v1/prefill',
      payload: { procedureCode: /^\d\.\d{6}$/.test(purpose ?? '') ? purpose as string : '1.001193', personalId: id,
        ...(purpose === '1.000894' ? { subjects: { groom: '092000000000' } } : {}) }
    }),
    // Each filled field of the main subject, as the canonical person field it is.
    records: body => (body.fields as Array<{ status: string, path?: string, value: unknown, subject?: string }>)
      .filter(f => f.status === 'filled' && f.path?.startsWith('person.') === true)
      .map(f => ({ [(f.path as string).slice('person.'.length)]: f.value })),
    expectedStatus: () => 200,
    auditedSubjects: onlyWhenHeld
  },
  {
    route: 'GET /v1/conflicts',
    entity: 'person',
    request: id => ({ method: 'GET', url: `/v1/conflicts?entity=person&entityId=${id}` }),
    // Each conflicting value, as the field it is a value of.
    records: body => (body.data as Array<{ field: string, values: Array<{ value: unknown }> }>).flatMap(c =>
      c.values.map(v => ({ [c.field]: v.value }))),
    expectedStatus: () => 200,
    operatorsOnly: true,
    auditedSubjects: onlyWhenHeld
  },
  {
    // Not personal data: the same layer whoever the subject is, audited with no subject. Each feature's
    // members as the record; `type: "Feature"` and a null geometry or properties are GeoJSON's envelope.
    route: 'GET /v1/infrastructure',
    entity: 'urban-infrastructure',
    request: () => ({ method: 'GET', url: '/v1/infrastructure?bbox=105,9,107,11' }),
    records: body => (body.features as Array<Record<string, unknown>>).map(f =>
      Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null))),
    expectedStatus: () => 200,
    auditedSubjects: () => []
  }
]

/**
 * Golden records of the held subjects, through the merger: the person (from civil status, with a
 * phone number BHYT disagrees on, so a conflict exists), and one household, parcel, certificate,
 * BHYT card and business each, linked to that person only; plus the normalizer's CMND link.
 */
export async function seedMatrixCity (store: Store, people: Person[]): Promise<void> {
  const { apply, dead } = harness(undefined, store)
  await apply(people.flatMap(p => {
    const id = p.personalId
    const k = matrixKeys(id)
    return [
      // The person's events carry other departments' keys, as real connectors' ids do.
      fromSource(canonicalEvent({ entityId: id, system: 'ho-tich', at: 2, fields: { ...p } }), k.register),
      fromSource(canonicalEvent({ entityId: id, system: 'bhyt', at: 1, fields: { phone: '0900000000' } }),
        k.socialInsuranceNumber),
      fromSource(canonicalEvent({ entityId: id, system: 'dat-dai', at: 1,
        fields: { email: `${id.slice(-4)}@dat-dai.example` } }), k.parcel),
      canonicalEvent({ entity: 'household', entityId: k.household, system: 'cu-tru', at: 1,
        fields: { householdId: k.household, headPersonalId: id, members: [{ personalId: id, relationToHead: '01' }],
        address: p.permanentAddress } }),
      canonicalEvent({ entity: 'land-parcel', entityId: k.parcel, system: 'dat-dai', at: 1,
        fields: { parcelId: k.parcel, oldWardCode: '31147', areaM2: 80, holderPersonalIds: [id] } }),
      canonicalEvent({ entity: 'land-use-certificate', entityId: k.serial, system: 'dat-dai', at: 1,
        fields: { serial: k.serial, holderPersonalIds: [id], parcelIds: [k.parcel] } }),
      canonicalEvent({ entity: 'health-insurance-card', entityId: k.socialInsuranceNumber, system: 'bhyt',
        at: 1, fields: { cardNumber: k.socialInsuranceNumber, socialInsuranceNumber: k.socialInsuranceNumber,
        holderPersonalId: id, benefitLevel: 4 } }),
      canonicalEvent({ entity: 'business-household', entityId: k.business, system: 'dang-ky-kinh-doanh', at: 1,
        fields: { registrationNumber: k.business, name: `Tạp hóa ${p.givenName}`, ownerPersonalId: id } }),
      canonicalEvent({ entity: 'driver-licence', entityId: k.licence, system: 'gplx', at: 1,
        fields: { licenceNumber: k.licence, holderPersonalId: id, classes: [{ class: 'B', printedClass: 'B2',
        issueDate: '2016-09-22', expiryDate: '2026-09-22' }], points: 12, status: 'valid' } }),
      canonicalEvent({ entity: 'unemployment-benefit', entityId: k.benefit, system: 'viec-lam', at: 1,
        fields: { benefitId: k.benefit, personalId: id, socialInsuranceNumber: k.socialInsuranceNumber,
        fullName: p.fullName, decision: { number: `${k.benefit.slice(0, 6)}/QĐ-SNV`,
        date: '2025-08-12', issuer: 'Sở Nội vụ thành phố Cần Thơ' }, periodFrom: '2025-08-20',
        periodTo: '2025-12-19', months: 4, monthlyAmountVnd: 4230000,
        jobCentre: { code: 'TTDVVL-CT', name: 'Trung tâm Dịch vụ việc làm thành phố Cần Thơ' }, status: 'active' } }),
      canonicalEvent({ entity: 'student-enrolment', entityId: k.enrolment, system: 'giao-duc',
        at: 1, fields: { enrolmentId: k.enrolment, studentCode: k.student, studentPersonalId: id,
        fullName: p.fullName, birthDate: p.birthDate, schoolYear: '2025-2026',
        school: { code: '31117TH', name: 'Trường Tiểu học Ninh Kiều', level: 'primary' }, grade: 1, className: '1A',
        guardian: { fullName: 'Nguyễn Văn An', relation: 'father' }, status: 'enrolled' } }),
      canonicalEvent({ entity: 'notarization', entityId: k.notarization, system: 'cong-chung', at: 1,
        fields: { notarizationId: k.notarization, notarizationNumber: k.notarization.slice(-6),
        bookNumber: '01/2025 TP/CC-SCC/HĐGD', notarizationDate: '2025-03-18',
        office: { code: 'PCC1', name: 'Phòng Công chứng số 1 thành phố Cần Thơ' },
        transactionType: 'mortgage', parties: [{ role: 'mortgagor', personalId: id, fullName: p.fullName },
        { role: 'mortgagee', organizationName: 'Ngân hàng TMCP Ví Dụ - Chi nhánh Cần Thơ', taxCode: '0100000000-017' }],
        property: { parcelIds: [k.parcel], certificateSerial: k.serial }, valueVnd: 500000000, status: 'valid' } }),
      canonicalEvent({ entity: 'construction-permit', entityId: k.permit, system: 'xay-dung', at: 1,
        fields: { permitId: k.permit, permitNumber: `${k.permit.slice(0, 6)}/GPXD`, permitDate: '2024-05-14',
        issuingAuthority: 'UBND phường Ninh Kiều', permitType: 'new-construction', buildingType: 'detached-house',
        owners: [{ personalId: id, fullName: p.fullName }], ownerPersonalIds: [id], parcelIds: [k.parcel],
        certificateSerial: k.serial, address: { line: 'Hẻm 51, khu vực 5', wardCode: '31147' },
        floors: 3, totalFloorAreaM2: 289.5, status: 'under-construction',
        inspections: [{ date: '2024-07-02', result: 'compliant' }] } }),
      canonicalEvent({ entity: 'civil-servant', entityId: k.staff, system: 'noi-vu',
        at: 1, fields: { staffCode: k.staff, personalId: id, fullName: p.fullName,
        birthDate: p.birthDate, category: 'civil-servant', unit: { name: 'UBND phường Ninh Kiều' },
        rank: { code: '01.003', name: 'Chuyên viên' }, salaryStep: 4, salaryCoefficient: 3.33, status: 'serving' } }),
      // Listed by /benefits only for a grant on social-beneficiary (the matrix grants unemployment-benefit only).
      canonicalEvent({ entity: 'social-beneficiary', entityId: k.socialCase, system: 'chinh-sach', at: 1,
        fields: { caseId: k.socialCase, personalId: id, fullName: p.fullName, programme: 'social-protection',
        category: 'elderly-80-plus', decision: { number: '87/QĐ-UBND', date: '2020-03-02' },
        monthlyAllowanceVnd: 750000, allowanceFrom: '2020-03-01', status: 'active' } })
    ]
  }))
  // One infrastructure asset for GET /v1/infrastructure: no person in it.
  await apply([canonicalEvent({ entity: 'urban-infrastructure', entityId: 'CS-31135-000001',
    system: 'ha-tang', at: 1, fields: {
    type: 'Feature', id: 'CS-31135-000001', bbox: [105.78, 10.03, 105.78, 10.03],
      geometry: { type: 'Point', coordinates: [105.78, 10.03] },
    properties: { assetId: 'CS-31135-000001', network: 'lighting', assetType: 'street-light',
      wardCode: '31135', condition: 'good' }
  } })])
  if (dead.length > 0) throw new Error(`matrix seed events rejected: ${dead.map(d => d.reason).join('; ')}`)
  await store.bulkUpsert('id_links', people.map(p => ({ doc: { _id: `cmnd:${matrixKeys(p.personalId).cmnd}`, version: 1,
    personalId: p.personalId }, expectedVersion: null })))
}

/** An event as a connector ids it: connector, stream, the source's own key, source time, then the entity. */
function fromSource (e: CanonicalEvent, sourceKey: string): CanonicalEvent {
  return { ...e, id: `${e.source.connector}:main:${sourceKey}:${e.source.sourceTime}#${e.entity}:${e.entityId}`,
    source: { ...e.source, sourceKey } }
}

/** Field paths a record carries: top-level keys, and `key.child` inside objects. */
export function pathsOf (record: Record<string, unknown>): string[] {
  return Object.entries(record).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map(c => `${k}.${c}`) : [k])
}

/** A path is granted when it or its parent object is. */
export const isGranted = (path: string, granted: readonly string[]): boolean =>
  granted.includes(path) || granted.includes(path.split('.')[0])

/** The operations of an OpenAPI document that take an X-Purpose header: the personal-data reads. */
export function purposeOperations (openapi: { paths: Record<string, Record<string, { parameters?: Array<{ in: string,
  name: string }> }>> }): string[] {
  return Object.entries(openapi.paths).flatMap(([path, ops]) => Object.entries(ops)
    .filter(([, op]) => op.parameters?.some(p => p.in === 'header' && p.name.toLowerCase() === 'x-purpose') === true)
    .map(([method]) => `${method.toUpperCase()} ${path}`))
}
