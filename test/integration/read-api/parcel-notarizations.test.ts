// Notarizations through the read API: a land parcel's read shows the notarized transactions on it
// (by parcel id, or by the serial of a certificate covering it) only to a client granted
// `notarization`, with an audit entry of its own; a will is sealed while its testator is alive per
// civil status, on the citizen's list and on the parcel alike.
import t from 'tap'
import { an, coHolder, khoa, lan, openReadApi, parcels, PURPOSE, serial } from './fixture.js'
import { canonicalEvent, harness } from '../../unit/merger/fixtures.js'
import { putGrant } from '../../../gateway/security/grants.js'

const dead = '092040000321'
const office = { code: 'PCC1', name: 'Phòng Công chứng số 1 thành phố Cần Thơ' }
const base = { notarizationDate: '2025-03-18', office, status: 'valid' }
const notarization = (id: string, fields: Record<string, unknown>) =>
  canonicalEvent({ entity: 'notarization', entityId: id, system: 'cong-chung', at: 5,
    fields: { notarizationId: id, notarizationNumber: id.slice(-4), ...base, ...fields } })

// A transfer naming parcels[2] by id; a mortgage naming another parcel id but the certificate that
// covers parcels[0] (a typed parcel number, the serial right); an unrelated contract; two wills.
const transfer = 'PCC1-2025-001001'
const mortgage = 'PCC1-2025-001002'
const elsewhere = 'PCC1-2025-001003'
const livingWill = 'PCC1-2025-001004'
const deadWill = 'PCC1-2025-001005'
const events = [
  canonicalEvent({ entityId: dead, system: 'ho-tich', at: 1, fields: { personalId: dead, fullName: 'Phạm Văn Tư',
    familyName: 'Phạm', middleName: 'Văn', givenName: 'Tư', birthDate: '1940-02-02', sex: 'male',
    dateOfDeath: '2025-01-10' } }),
  notarization(transfer, { transactionType: 'land-use-right-transfer', parties: [{ role: 'transferor', personalId: an },
    { role: 'transferee', personalId: lan }], property: { parcelIds: [parcels[2]] }, valueVnd: 1850000000 }),
  notarization(mortgage, { transactionType: 'mortgage',
    parties: [{ role: 'mortgagor', personalId: an }, { role: 'mortgagee', organizationName: 'Ngân hàng TMCP Ví Dụ' }],
    property: { parcelIds: ['31147-12-77'], certificateSerial: serial } }),
  notarization(elsewhere, { transactionType: 'land-use-right-gift', parties: [{ role: 'transferor',
    personalId: coHolder }, { role: 'transferee', personalId: lan }], property: { parcelIds: ['31147-12-88'] } }),
  notarization(livingWill, { transactionType: 'will', parties: [{ role: 'testator', personalId: an },
    { role: 'heir', personalId: khoa }], property: { parcelIds: [parcels[2]] } }),
  notarization(deadWill, { transactionType: 'will', parties: [{ role: 'testator', personalId: dead },
    { role: 'heir', personalId: lan }] })
]
const FIELDS = ['notarizationId', 'transactionType', 'parties', 'property']

t.test('a parcel shows its notarized transactions to a client granted notarization, and only to it', async t => {
  const api = await openReadApi(t)
  const { apply, dead: rejected } = harness(undefined, api.store)
  await apply(events)
  t.same(rejected, [], 'the notarizations merge')

  const before = await api.get(`/v1/land-parcels/${parcels[2]}`)
  t.equal(before.statusCode, 200)
  t.notOk('notarizations' in before.json(), 'without a notarization grant the parcel comes alone')

  await putGrant(api.store, { clientId: 'dept', purpose: PURPOSE, entity: 'notarization', fields: FIELDS })
  const byParcelId = await api.get(`/v1/land-parcels/${parcels[2]}`)
  t.equal(byParcelId.statusCode, 200)
  const shown = byParcelId.json().notarizations as Array<{ data: Record<string, unknown> }>
  t.same(shown.map(n => n.data.notarizationId), [transfer],
    'the transfer on the parcel; the living testator\'s will is sealed')
  t.equal(shown[0]?.data.transactionType, 'land-use-right-transfer')
  t.notOk('valueVnd' in (shown[0]?.data ?? {}), 'projected to the notarization grant')
  t.equal(byParcelId.json().data.parcelId, parcels[2], 'the parcel itself as before')

  const bySerial = await api.get(`/v1/land-parcels/${parcels[0]}`)
  t.same(bySerial.json().notarizations.map((n: any) => n.data.notarizationId), [mortgage],
    'found by the serial of the certificate covering the parcel')
  const none = await api.get(`/v1/land-parcels/${parcels[1]}`)
  t.same(none.json().notarizations.map((n: any) => n.data.notarizationId), [mortgage],
    'the certificate covers parcels[1] too')

  // The notarizations are audited as a read of their own, beside the parcel's.
  const requestId = byParcelId.headers['x-request-id']
  const entries = (await api.audit()).filter(e => e.requestId === requestId)
  t.same(entries.map(e => e.entity).sort(), ['land-parcel', 'notarization'])
  const read = entries.find(e => e.entity === 'notarization')
  t.same(read?.subjects, [an, lan].sort(), 'naming the parties')
  t.same(read?.fields, ['notarizationId', 'parties', 'property', 'transactionType'])

  // A changed notarization grant changes the tag: a client's cached copy is not taken as current.
  await putGrant(api.store, { clientId: 'dept', purpose: PURPOSE, entity: 'notarization', fields: ['notarizationId'] })
  const narrower = await api.get(`/v1/land-parcels/${parcels[2]}`,
    { headers: { 'if-none-match': String(byParcelId.headers.etag) } })
  t.equal(narrower.statusCode, 200, 'not 304 once the notarization fields differ')
  t.same(narrower.json().notarizations.map((n: any) => Object.keys(n.data)), [['notarizationId']])

  const past = await api.get(`/v1/land-parcels/${parcels[2]}?asOf=${encodeURIComponent(new Date().toISOString())}`)
  t.equal(past.statusCode, 200)
  t.notOk('notarizations' in past.json(), 'a read asOf a past time shows none')
})

t.test('a will is sealed while its testator lives; released once civil status registers the death', async t => {
  const api = await openReadApi(t)
  const { apply } = harness(undefined, api.store)
  await apply(events)
  await putGrant(api.store, { clientId: 'dept', purpose: PURPOSE, entity: 'notarization', fields: FIELDS })
  const list = async (id: string): Promise<string[]> => {
    const res = await api.get(`/v1/citizens/${id}/notarizations`)
    t.equal(res.statusCode, 200, `${id.slice(-3)}'s notarizations`)
    return (res.json().data as Array<{ data: { notarizationId: string } }>).map(r => r.data.notarizationId)
  }
  t.same(await list(an), [transfer, mortgage].sort(), 'the testator\'s own will is not released while alive')
  t.same(await list(khoa), [], 'nor to the heir\'s list')
  t.same(await list(lan), [transfer, elsewhere, deadWill].sort(), 'a will whose testator has died is released')
  t.same(await list(dead), [deadWill])

  // Civil status registers An's death: the will is released from then on.
  await apply([canonicalEvent({ entityId: an, system: 'ho-tich', at: 3 * 24 * 60,
    fields: { personalId: an, fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An',
    birthDate: '1985-03-15', sex: 'male', dateOfDeath: '2026-01-02' } })])
  t.same(await list(khoa), [livingWill], 'released to the heir\'s list after the death')
  const parcel = await api.get(`/v1/land-parcels/${parcels[2]}`)
  t.same(parcel.json().notarizations.map((n: any) => n.data.notarizationId), [transfer, livingWill].sort(),
    'and on the parcel it names')

  const refused = await api.get(`/v1/citizens/${an}/notarizations`, { key: api.key.narrow, purpose: '1.001193' })
  t.equal(refused.statusCode, 403, 'no grant, no notarizations')
  t.equal(refused.json().code, 'LT_ERR_FORBIDDEN')
})
