// Reads of one record (citizen, household, land parcel): fields= projection and its refusals,
// include=provenance, asOf, ETag and conditional GET (audited), cache headers, declared schemas.
import t from 'tap'
import { an, cmnd, household, khoa, NARROW, openReadApi, parcels } from './fixture.js'

t.test('one record: projection, provenance on request, asOf, ETag', async t => {
  const api = await openReadApi(t)
  const { get } = api

  await t.test('fields= narrows the granted fields', async t => {
    const all = await get(`/v1/citizens/${an}`)
    t.equal(all.statusCode, 200)
    t.same(Object.keys(all.json().data).sort(), ['birthDate', 'fullName', 'householdId', 'legacyCmnd', 'maritalStatus',
      'permanentAddress', 'personalId', 'phone'], 'every granted field by default')
    const some = await get(`/v1/citizens/${an}?fields=fullName,permanentAddress.wardCode`)
    t.equal(some.statusCode, 200)
    t.same(some.json().data, { fullName: 'Nguyễn Văn An', permanentAddress: { wardCode: '31135' } })
    const entries = await api.audit()
    t.same(entries.at(-1)?.fields, ['fullName', 'permanentAddress.wardCode'],
      'the audit names the fields actually returned')
    t.same(entries.at(-1)?.subjects, [an])
  })

  await t.test('an unknown field is 400 naming it; an ungranted one is 403 naming it', async t => {
    const unknown = await get(`/v1/citizens/${an}?fields=fullName,shoeSize`)
    t.equal(unknown.statusCode, 400)
    t.match(unknown.headers['content-type'], /application\/problem\+json/)
    t.equal(unknown.json().code, 'LT_ERR_FIELD_UNKNOWN')
    t.same(unknown.json().errors, [{ path: 'querystring/fields', message: 'unknown field \'shoeSize\'' }])
    const ungranted = await get(`/v1/citizens/${an}?fields=fullName,sex`)
    t.equal(ungranted.statusCode, 403)
    t.equal(ungranted.json().code, 'LT_ERR_FIELD_NOT_GRANTED')
    t.match(ungranted.json().detail, /'sex'/)
    t.notOk(JSON.stringify(ungranted.json()).includes('Nguyễn'), 'no data in a refusal')
    // The grant covers permanentAddress.wardCode only: the whole address is not granted.
    const parent = await get(`/v1/citizens/${an}?fields=permanentAddress`, { key: api.key.narrow, purpose: NARROW })
    t.equal(parent.json().code, 'LT_ERR_FIELD_NOT_GRANTED')
    const child = await get(`/v1/citizens/${an}?fields=permanentAddress.wardCode`,
      { key: api.key.narrow, purpose: NARROW })
    t.same(child.json().data, { permanentAddress: { wardCode: '31135' } })
    t.equal((await get(`/v1/citizens/${an}?fields=full-name`)).json().code, 'LT_ERR_VALIDATION',
      'a malformed list fails the schema')
    t.equal((await get(`/v1/citizens/${an}?fields=`)).json().code, 'LT_ERR_VALIDATION')
    t.equal((await get(`/v1/citizens/${an}?fields=${Array.from({ length: 65 }, () => 'phone').join(',')}`)).statusCode,
      200, 'repeats count once')
  })

  await t.test('a refusal comes before the lookup: no grant, no existence oracle', async t => {
    const noGrant = await get('/v1/households/HO-NOPE-1', { key: api.key.narrow, purpose: NARROW })
    t.equal(noGrant.statusCode, 403)
    t.equal(noGrant.json().code, 'LT_ERR_FORBIDDEN')
    t.equal((await get(`/v1/citizens/${an}`, { purpose: null })).json().code, 'LT_ERR_PURPOSE_REQUIRED')
  })

  await t.test('include=provenance adds provenance and conflicts of the returned fields only', async t => {
    const plain = (await get(`/v1/citizens/${an}`)).json()
    t.notOk('provenance' in plain.meta)
    t.notOk('conflicts' in plain.meta)
    t.same(Object.keys(plain.meta.sources).sort(), ['bhyt', 'cu-tru', 'ho-tich'], 'freshness always')
    const rich = (await get(`/v1/citizens/${an}?include=provenance&fields=fullName,phone`)).json()
    t.same(Object.keys(rich.meta.provenance).sort(), ['fullName', 'phone'])
    t.equal(rich.meta.provenance.fullName.rule, 'authoritative')
    t.same(Object.keys(rich.meta.conflicts), ['phone'], 'cu-tru and bhyt disagree on the phone')
    t.same(Object.keys((await get(`/v1/citizens/${an}?include=provenance&fields=fullName`)).json().meta.conflicts), [],
      'no flag on a field not returned')
    t.equal((await get(`/v1/citizens/${an}?include=everything`)).json().code, 'LT_ERR_VALIDATION')
  })

  await t.test('asOf answers from history, with the same projection', async t => {
    const now = (await get(`/v1/citizens/${an}?fields=maritalStatus`)).json()
    t.same(now.data, { maritalStatus: 'married' })
    t.equal(now.meta.version, 4)
    const before = (await get(`/v1/citizens/${an}?fields=maritalStatus&asOf=2026-01-01T00:10:00Z`)).json()
    t.same(before.data, { maritalStatus: 'single' }, 'not married yet that day: civil status held him and no marriage')
    t.equal(before.meta.version, 3)
    t.equal(before.meta.asOf, '2026-01-01T00:10:00.000Z')
    t.equal((await get(`/v1/citizens/${an}?asOf=2026-02-30`)).json().code, 'LT_ERR_AS_OF_INVALID')
    t.equal((await get(`/v1/households/${household}?asOf=2026-01-01T00:01:30Z`)).json().code,
      'LT_ERR_HOUSEHOLD_NOT_FOUND', 'history has begun, the household not yet')
    t.equal((await get(`/v1/land-parcels/${parcels[0]}?asOf=2026-01-02`)).statusCode, 200)
  })

  await t.test('asOf: a malformed time and a time before the hub\'s history say so', async t => {
    for (const bad of ['yesterday', '2026-01-01T25:00', '2026-02-30']) {
      const answer = await get(`/v1/citizens/${an}?asOf=${bad}`)
      t.equal(answer.statusCode, 400, bad)
      t.equal(answer.json().code, 'LT_ERR_AS_OF_INVALID', `${bad}: the code docs/api.md promises`)
    }
    for (const path of [`/v1/citizens/${an}`, `/v1/households/${household}`, `/v1/citizens/by-cmnd/${cmnd}`]) {
      const early = await get(`${path}?asOf=2025-01-01`)
      t.equal(early.statusCode, 422, path)
      t.equal(early.headers['content-type'], 'application/problem+json; charset=utf-8')
      t.equal(early.json().code, 'LT_ERR_AS_OF_BEFORE_HISTORY')
      t.match(early.json().detail, /history starts at 2026-01-01T00:01:05\.000Z/, 'says from when the hub can answer')
    }
  })

  await t.test('ETag: per version, projection and options; If-None-Match gives an audited 304', async t => {
    const first = await get(`/v1/citizens/${an}`)
    const tag = first.headers.etag as string
    t.match(tag, /^"[A-Za-z0-9_-]{27}"$/, 'a strong tag')
    t.equal(first.headers['cache-control'], 'private, no-store')
    t.equal(first.headers.vary, 'Authorization, X-Purpose', 'the representation depends on the client\'s grant')
    t.equal((await get(`/v1/citizens/${an}`)).headers.etag, tag, 'stable while nothing changes')
    const tags = new Set([
      tag,
      (await get(`/v1/citizens/${an}?fields=fullName`)).headers.etag,
      (await get(`/v1/citizens/${an}?fields=phone`)).headers.etag,
      (await get(`/v1/citizens/${an}?include=provenance`)).headers.etag,
      (await get(`/v1/citizens/${an}?asOf=2026-01-01T00:10:00Z`)).headers.etag,
      (await get(`/v1/citizens/${an}`, { key: api.key.narrow, purpose: NARROW })).headers.etag,
      (await get(`/v1/citizens/${khoa}`)).headers.etag
    ])
    t.equal(tags.size, 7, 'every projection, option, version and record has its own tag')

    const before = (await api.audit()).length
    const revalidated = await get(`/v1/citizens/${an}`, { headers: { 'if-none-match': tag } })
    t.equal(revalidated.statusCode, 304)
    t.equal(revalidated.body, '', 'no body')
    t.equal(revalidated.headers.etag, tag)
    t.equal(revalidated.headers['cache-control'], 'private, no-store')
    const entries = await api.audit()
    t.equal(entries.length, before + 1, 'a 304 is audited: it confirms the client\'s copy is current')
    t.same(entries.at(-1)?.subjects, [an])
    t.equal(entries.at(-1)?.requestId, revalidated.headers['x-request-id'])

    t.equal((await get(`/v1/citizens/${an}`, { headers: { 'if-none-match': `"stale", W/${tag}` } })).statusCode, 304,
      'weak comparison, lists')
    t.equal((await get(`/v1/citizens/${an}?fields=fullName`, { headers: { 'if-none-match': tag } })).statusCode, 200,
      'another projection is not the copy the client holds')
    t.equal((await get(`/v1/citizens/${an}`, { headers: { 'if-none-match': '"stale"' } })).statusCode, 200)
    const refused = await get(`/v1/citizens/${an}`, { purpose: '2.000635', headers: { 'if-none-match': tag } })
    t.equal(refused.statusCode, 403, 'no grant, no 304 either')
  })

  await t.test('households and parcels: the same pipeline', async t => {
    const h = await get(`/v1/households/${household}?fields=headPersonalId,address.wardCode`)
    t.equal(h.statusCode, 200)
    t.same(h.json().data, { headPersonalId: an, address: { wardCode: '31135' } })
    t.ok(h.headers.etag)
    t.same((await api.audit()).at(-1)?.subjects, [an, khoa], 'a household read is about its members')
    t.equal((await get(`/v1/households/${household}?fields=nope`)).json().code, 'LT_ERR_FIELD_UNKNOWN')
    const p = await get(`/v1/land-parcels/${parcels[0]}?include=provenance`)
    t.same(p.json().data, { parcelId: parcels[0], areaM2: 100, holderPersonalIds: [an] })
    t.same(Object.keys(p.json().meta.provenance).sort(), ['areaM2', 'holderPersonalIds', 'parcelId'])
    t.equal((await get(`/v1/land-parcels/${parcels[0]}?fields=landUsePurposes`)).json().code,
      'LT_ERR_FIELD_NOT_GRANTED')
    const revalidated = await get(`/v1/land-parcels/${parcels[0]}?include=provenance`,
      { headers: { 'if-none-match': p.headers.etag as string } })
    t.equal(revalidated.statusCode, 304)
  })
})
