// Issue 11 (Law 91/2025 minimisation): a read releases exactly the granted fields, in `data` and in
// everything around it. Event ids embed the source's own key (a BHYT social-insurance number, a
// land parcel id, a marriage register number), record ids are identifiers, membership and cursors
// carry ids: none of them may leave unless the grant covers the field they belong to.
import t from 'tap'
import type { Store } from '../../infra/ports/store.js'
import type { CanonicalEvent } from '../../schemas/canonical-event.js'
import type { AuditBlock, AuditEntry } from '../../gateway/security/audit-chain.js'
import { canonicalEvent, harness } from '../unit/merger/fixtures.js'
import { bearer, makeClient, openGateway, openTestStore, person } from './helpers.js'

const id = '092085001234'
const other = '092190000002'
const ssn = '9220878811'
const secondCard = 'HS4929220878899'
const parcel = '31147-12-345'
const marriageRegister = 'KH-2024-000123'
const household = 'HK-31135-000777'
const PURPOSE = '1.001193'

/** A person event as the pipeline ids it: connector, stream, the source's own key, time, then the entity. */
function sourced (system: string, sourceKey: string, at: number, fields: Record<string, unknown>,
  entity: CanonicalEvent['entity'] = 'person', entityId = id): CanonicalEvent {
  const e = canonicalEvent({ entity, entityId, system, at, fields })
  return { ...e, id: `${system}-connector:main:${sourceKey}:${e.source.sourceTime}#${entity}:${entityId}`,
    source: { ...e.source, sourceKey } }
}

async function seed (store: Store): Promise<void> {
  const { apply, dead } = harness(undefined, store)
  const p = person(id, { householdId: household })
  await apply([
    sourced('ho-tich', marriageRegister, 1, { ...p }),
    sourced('bhyt', ssn, 2, { phone: '0900000000' }),
    sourced('dat-dai', parcel, 3, { email: 'dat.dai@example.com' }),
    sourced('cu-tru', household, 1, { householdId: household, headPersonalId: other, address: p.permanentAddress,
      members: [{ personalId: other, relationToHead: '01' }, { personalId: id, relationToHead: '03' }] }, 'household',
      household),
    sourced('bhyt', ssn, 1, { cardNumber: ssn, socialInsuranceNumber: ssn, holderPersonalId: id, benefitLevel: 4 },
      'health-insurance-card', ssn),
    sourced('bhyt', secondCard, 1, { cardNumber: secondCard, socialInsuranceNumber: '9220878899', holderPersonalId: id,
      benefitLevel: 3 }, 'health-insurance-card', secondCard),
    sourced('ho-tich', marriageRegister, 1, { ...person(other), householdId: household })
  ])
  if (dead.length > 0) throw new Error(`seed rejected: ${dead.map(d => d.reason).join('; ')}`)
}

const lastAudit = async (store: Store): Promise<AuditEntry | undefined> =>
  (await store.find('audit', { orderBy: { field: '_id' }, limit: 5000 }) as AuditBlock[]).flatMap(b => b.entries).at(-1)

t.test('metadata carries only what the grant allows', async t => {
  const { app, store } = await openGateway(t)
  await seed(store)
  const c = await makeClient(store, 'mot-cua', 'one-stop', [
    { purpose: PURPOSE, entity: 'person', fields: ['fullName', 'personalId'] },
    { purpose: PURPOSE, entity: 'household', fields: ['address'] },
    { purpose: PURPOSE, entity: 'health-insurance-card', fields: ['benefitLevel'] }
  ])
  const get = async (url: string) => await app.inject({ method: 'GET', url,
    headers: { ...bearer(c.key), 'x-purpose': PURPOSE } })

  await t.test('a citizen read with fields=fullName names no other department\'s key', async t => {
    const res = await get(`/v1/citizens/${id}?fields=fullName&include=provenance`)
    t.equal(res.statusCode, 200)
    for (const key of [ssn, parcel, marriageRegister, household]) t.notOk(res.body.includes(key),
      `${key} is not in the body`)
    const { meta } = res.json()
    t.same(Object.keys(meta.sources), ['ho-tich'], 'only the source of the returned field')
    t.match(meta.sources['ho-tich'].lastEventId, /^ev_[A-Za-z0-9_-]{22}$/)
    t.same(Object.keys(meta.provenance), ['fullName'])
    t.match(meta.provenance.fullName.eventId, /^ev_[A-Za-z0-9_-]{22}$/)
    t.notOk('sourceKey' in meta.provenance.fullName, 'no source key')
    t.equal(meta.source.sourceSystem, 'ho-tich', 'the newest source among those released, not bhyt or dat-dai')
    t.match(meta.id, /^rec_/, 'personalId not selected: an opaque ref')
    t.equal((await get(`/v1/citizens/${id}?fields=personalId`)).json().meta.id, id, 'selected: the id itself')
  })

  await t.test('the same event gets the same ref, and a gateway over the same store agrees', async t => {
    const a = (await get(`/v1/citizens/${id}?fields=fullName&include=provenance`)).json().meta
    const second = await openGateway(t, { store })
    const b = (await second.app.inject({ method: 'GET', url: `/v1/citizens/${id}?fields=fullName&include=provenance`,
      headers: { ...bearer(c.key), 'x-purpose': PURPOSE } })).json().meta
    t.equal(b.provenance.fullName.eventId, a.provenance.fullName.eventId)
    t.equal(a.provenance.fullName.eventId, a.sources['ho-tich'].lastEventId, 'one event, one ref')
  })

  await t.test('household: membership only from granted fields, audited as sent', async t => {
    const res = await get(`/v1/citizens/${id}/household`)
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.same(Object.keys(body.data), ['address'])
    t.same(body.membership, {}, 'no household id, relation or head flag without householdId or members')
    t.notOk(res.body.includes(household), 'the household id is nowhere in the body')
    t.notOk(res.body.includes(other), 'nor the head\'s personal id')
    t.match(body.meta.id, /^rec_/)
    t.same((await lastAudit(store))?.fields, ['address'])
  })

  await t.test('lists: no card number unless granted, sealed cursors', async t => {
    const first = await get(`/v1/citizens/${id}/health-insurance?limit=1`)
    t.equal(first.statusCode, 200)
    for (const key of [ssn, secondCard]) t.notOk(first.body.includes(key), `${key} is not in the page`)
    const page = first.json()
    t.same(page.data.map((r: any) => r.data), [{ benefitLevel: 4 }])
    t.match(page.data[0].meta.id, /^rec_/)
    const next = page.page.next as string
    t.type(next, 'string')
    for (const key of [ssn, secondCard]) t.notOk(Buffer.from(next, 'base64url').toString('latin1').includes(key),
      'the cursor does not carry the card id')
    t.same((await lastAudit(store))?.fields, ['benefitLevel'])
    const rest = await get(`/v1/citizens/${id}/health-insurance?limit=1&cursor=${next}`)
    t.same(rest.json().data.map((r: any) => r.data), [{ benefitLevel: 3 }], 'the sealed cursor pages on')

    const forged =
      await get(`/v1/citizens/${id}/health-insurance?limit=1&cursor=${Buffer.from(ssn).toString('base64url')}`)
    t.equal(forged.statusCode, 400)
    t.equal(forged.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal(forged.json().code, 'LT_ERR_CURSOR_INVALID')
    t.equal(forged.json().errors[0].path, 'querystring/cursor')
    const flipped = next.slice(0, -2) + (next.at(-2) === 'A' ? 'B' : 'A') + next.at(-1)
    t.equal((await get(`/v1/citizens/${id}/health-insurance?limit=1&cursor=${flipped}`)).json().code,
      'LT_ERR_CURSOR_INVALID', 'a tampered cursor')
    t.equal((await get(`/v1/citizens/${other}/health-insurance?limit=1&cursor=${next}`)).json().code,
      'LT_ERR_CURSOR_INVALID', 'another citizen\'s list')
  })
})

t.test('each hub has its own secret: refs do not match across stores', async t => {
  const refs = []
  for (const _ of [1, 2]) {
    const { app, store } = await openGateway(t, { store: openTestStore(t) })
    await seed(store)
    const c = await makeClient(store, 'dept', 'department',
      [{ purpose: PURPOSE, entity: 'person', fields: ['fullName'] }])
    const res = await app.inject({ method: 'GET', url: `/v1/citizens/${id}?include=provenance`,
      headers: { ...bearer(c.key), 'x-purpose': PURPOSE } })
    refs.push(res.json().meta.provenance.fullName.eventId)
  }
  t.not(refs[0], refs[1], 'an HMAC ref cannot be recomputed without the hub secret')
})
