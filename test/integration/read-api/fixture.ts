// A small city for the read-API tests: canonical events run through the merger's batch into a real
// embedded store (golden records, history, conflicts), the normalizer's CMND link, a gateway over
// that store, and clients whose grants differ so projection and refusals can be seen.
import type { Test } from 'tap'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildGateway } from '../../../gateway/app.js'
import { createLogger } from '../../../infra/logging/logger.js'
import type { Store } from '../../../infra/ports/store.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import type { AuditBlock, AuditEntry } from '../../../gateway/security/audit-chain.js'
import { putGrant } from '../../../gateway/security/grants.js'
import { BOOTSTRAP_OPERATOR } from '../../../gateway/security/authenticator.js'
import { grantableEntities } from '../../../gateway/security/entities.js'
import { canonicalEvent, harness } from '../../unit/merger/fixtures.js'
import { makeClient, openTestStore, OPERATOR_KEY } from '../../security/helpers.js'

export const an = '092085001234'
export const khoa = '092212000777'
export const lan = '092190000555'
export const household = 'HO-31135-000123'
export const parcels = ['31147-12-1', '31147-12-2', '31147-12-3']
export const coHolder = '092000000009'
export const deletedParcel = '31147-12-4'
export const serial = 'AA 05565655'
export const cmnd = '361999888'
export const lanCmnd = '361000111'
export const khoaCard = 'HS4929220878811'
export const khoaSsn = '9220878811'
export const anCard = '9212345678'
export const business = '57A8004567'
/** Six people share a name, a birthday and a ward: four men, two women. */
export const namesakes = Array.from({ length: 6 }, (_v, i) => `09219000100${i}`)

const anV1 = { personalId: an, fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An',
  birthDate: '1985-03-15', sex: 'male', legacyCmnd: cmnd }

export const events: CanonicalEvent[] = [
  canonicalEvent({ entityId: an, system: 'ho-tich', at: 1, fields: anV1 }),
  canonicalEvent({ entityId: an, system: 'cu-tru', at: 2, fields: { fullName: 'Nguyễn Văn An', householdId: household,
    relationToHead: '01', permanentAddress: { line: '12 Hòa Bình', wardCode: '31135' }, phone: '0912000001' } }),
  canonicalEvent({ entityId: an, system: 'bhyt', at: 3, fields: { phone: '0912000002' } }),
  // A day later the civil-status office corrects nothing but records a marriage: a new version.
  canonicalEvent({ entityId: an, system: 'ho-tich', at: 24 * 60 + 1, fields: { ...anV1, maritalStatus: 'married' } }),
  canonicalEvent({ entityId: khoa, system: 'ho-tich', at: 1, fields: { personalId: khoa, fullName: 'Nguyễn Minh Khoa',
    familyName: 'Nguyễn', middleName: 'Minh', givenName: 'Khoa', birthDate: '2012-05-01', sex: 'male' } }),
  canonicalEvent({ entityId: khoa, system: 'cu-tru', at: 2, fields: { householdId: household, relationToHead: '03',
    permanentAddress: { line: '12 Hòa Bình', wardCode: '31135' } } }),
  // Known to the hub by CMND only through her own record (no id link was learned).
  canonicalEvent({ entityId: lan, system: 'ho-tich', at: 1, fields: { personalId: lan, fullName: 'Lê Thị Lan',
    familyName: 'Lê', middleName: 'Thị', givenName: 'Lan', birthDate: '1990-07-07', sex: 'female', legacyCmnd: lanCmnd,
    permanentAddress: { line: '3 Mậu Thân', wardCode: '31117' } } }),
  ...namesakes.map((id, i) => canonicalEvent({ entityId: id, system: 'ho-tich', at: 1,
    fields: { personalId: id, fullName: i === 0 ? 'TRAN VAN NAM' : 'Trần Văn Nam', familyName: 'Trần',
    middleName: 'Văn', givenName: 'Nam', birthDate: '1990-01-01', sex: i < 4 ? 'male' : 'female',
    permanentAddress: { line: `${i} Nguyễn Trãi`, wardCode: '31117' } } })),
  canonicalEvent({ entity: 'household', entityId: household, system: 'cu-tru', at: 2,
    fields: { householdId: household, headPersonalId: an, address: { line: '12 Hòa Bình', wardCode: '31135' },
    members: [{ personalId: an, relationToHead: '01' }, { personalId: khoa, relationToHead: '03' }] } }),
  // The last parcel has a co-holder whose id sorts first: An sits in link slot 1, not 0.
  ...parcels.map((id, i) => canonicalEvent({ entity: 'land-parcel', entityId: id, system: 'dat-dai', at: 2,
    fields: { parcelId: id, areaM2: 100 + i, holderPersonalIds: i === 2 ? [an, coHolder] : [an] } })),
  canonicalEvent({ entity: 'land-parcel', entityId: deletedParcel, system: 'dat-dai', at: 2,
    fields: { parcelId: deletedParcel, areaM2: 50, holderPersonalIds: [an] } }),
  canonicalEvent({ entity: 'land-parcel', entityId: deletedParcel, system: 'dat-dai', at: 3, op: 'delete' }),
  canonicalEvent({ entity: 'land-use-certificate', entityId: serial, system: 'dat-dai', at: 2,
    fields: { serial, registerEntry: '01439/QSDĐ', issueDate: '2012-08-21', holderPersonalIds: [an],
    parcelIds: [parcels[1], parcels[0], deletedParcel, '31147-12-99'] } }),
  // The BHYT connector keys a card by its social-insurance number; an older card by its printed number.
  canonicalEvent({ entity: 'health-insurance-card', entityId: khoaSsn, system: 'bhyt', at: 2,
    fields: { cardNumber: khoaCard, socialInsuranceNumber: khoaSsn, holderPersonalId: khoa, benefitLevel: 4 } }),
  canonicalEvent({ entity: 'health-insurance-card', entityId: anCard, system: 'bhyt', at: 2,
    fields: { cardNumber: anCard, socialInsuranceNumber: anCard, holderPersonalId: an, benefitLevel: 4 } }),
  canonicalEvent({ entity: 'business-household', entityId: business, system: 'dang-ky-kinh-doanh', at: 2,
    fields: { registrationNumber: business, name: 'Tạp hóa Mai An', ownerPersonalId: an } })
]

export const PURPOSE = '1.000894'
export const NARROW = '1.001193'

export interface ReadApi {
  app: FastifyInstance
  store: Store
  key: { dept: string, narrow: string, steward: string }
  get: (url: string, opts?: { key?: string, purpose?: string | null, headers?: Record<string, string> }) =>
    Promise<LightMyRequestResponse>
  audit: () => Promise<AuditEntry[]>
}

export async function openReadApi (t: Test): Promise<ReadApi> {
  const store = openTestStore(t)
  const { dead, apply } = harness(undefined, store)
  await apply(events)
  if (dead.length > 0) throw new Error(`fixture events rejected: ${JSON.stringify(dead.map(d => d.reason))}`)
  // The normalizer's link from the legacy CMND (consumers/normalizer/legacy-id-linker.ts).
  await store.bulkUpsert('id_links', [{ doc: { _id: `cmnd:${cmnd}`, version: 1, personalId: an },
    expectedVersion: null }])

  const app = await buildGateway({
    store, logger: createLogger('silent'), readiness: [],
    security: { operatorKey: OPERATOR_KEY, keyCacheTtlMs: 60000, grantCacheTtlMs: 0 }
  })
  t.teardown(async () => { await app.close() })

  const all = (entity: keyof typeof grantableEntities): string[] => [...grantableEntities[entity].fields]
  const dept = await makeClient(store, 'dept', 'department', [
    { purpose: PURPOSE, entity: 'person', fields: ['personalId', 'fullName', 'birthDate', 'permanentAddress',
      'legacyCmnd', 'phone', 'maritalStatus', 'householdId'] },
    { purpose: PURPOSE, entity: 'household', fields: all('household') },
    { purpose: PURPOSE, entity: 'land-parcel', fields: ['parcelId', 'areaM2', 'holderPersonalIds'] },
    { purpose: PURPOSE, entity: 'health-insurance-card', fields: all('health-insurance-card') },
    { purpose: PURPOSE, entity: 'business-household', fields: all('business-household') }
  ])
  const narrow = await makeClient(store, 'narrow', 'one-stop', [
    { purpose: NARROW, entity: 'person', fields: ['fullName', 'permanentAddress.wardCode'] }
  ])
  // A data steward who may see conflicting phone numbers, nothing else.
  const steward = await makeClient(store, 'steward', 'operator',
    [{ purpose: PURPOSE, entity: 'person', fields: ['phone'] }])
  await putGrant(store, { clientId: BOOTSTRAP_OPERATOR, purpose: PURPOSE, entity: 'person', fields: all('person') })

  const get: ReadApi['get'] = async (url, { key = dept.key, purpose = PURPOSE,
    headers = {} } = {}) => await app.inject({
    method: 'GET', url, headers: { authorization: `Bearer ${key}`,
      ...(purpose !== null ? { 'x-purpose': purpose } : {}), ...headers }
  })
  const audit = async (): Promise<AuditEntry[]> =>
    (await store.find('audit', { orderBy: { field: '_id' }, limit: 5000 }) as AuditBlock[]).flatMap(b => b.entries)
  return { app, store, key: { dept: dept.key, narrow: narrow.key, steward: steward.key }, get, audit }
}
