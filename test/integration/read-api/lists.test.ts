// The citizen link lists: keyset pages with a bounded size, opaque cursors, tombstones left out,
// projection per record, one audit entry per page, ETag per page.
import t from 'tap'
import { an, khoa, household, openReadApi, parcels, business, anCard } from './fixture.js'

t.test('link lists page by cursor', async t => {
  const api = await openReadApi(t)
  const { get } = api

  await t.test('pages of land parcels follow the cursor to the end', async t => {
    const seen: string[] = []
    let url = `/v1/citizens/${an}/land-parcels?limit=2&fields=parcelId`
    let pages = 0
    for (;;) {
      const res = await get(url)
      t.equal(res.statusCode, 200)
      const body = res.json()
      t.ok(body.data.length <= 2, 'never more than limit')
      seen.push(...body.data.map((r: any) => r.data.parcelId))
      pages++
      if (body.page.next === null) break
      url = `/v1/citizens/${an}/land-parcels?limit=2&fields=parcelId&cursor=${String(body.page.next)}`
    }
    t.same(seen, parcels, 'every live parcel once, in id order; the deleted one left out')
    t.equal(pages, 2)
    const whole = (await get(`/v1/citizens/${an}/land-parcels`)).json()
    t.same(whole.data.map((r: any) => r.meta.id), parcels)
    t.same(whole.page, { next: null })
    t.same(Object.keys(whole.data[0].data).sort(), ['areaM2', 'holderPersonalIds', 'parcelId'])
    t.notOk('provenance' in whole.data[0].meta)
    t.ok('provenance' in (await get(`/v1/citizens/${an}/land-parcels?include=provenance`)).json().data[0].meta)
  })

  await t.test('limit is bounded; a cursor must be one the API issued', async t => {
    t.equal((await get(`/v1/citizens/${an}/land-parcels?limit=101`)).json().code, 'LT_ERR_VALIDATION')
    t.equal((await get(`/v1/citizens/${an}/land-parcels?limit=0`)).json().code, 'LT_ERR_VALIDATION')
    const bad = await get(`/v1/citizens/${an}/land-parcels?cursor=${Buffer.from('x\u0000y').toString('base64url')}`)
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().code, 'LT_ERR_CURSOR_INVALID')
    t.equal((await get(`/v1/citizens/${an}/land-parcels?cursor=a!b`)).json().code, 'LT_ERR_VALIDATION')
  })

  await t.test('cards, businesses, household; audited with every person the page carries', async t => {
    const cards = (await get(`/v1/citizens/${khoa}/health-insurance?fields=cardNumber,holderPersonalId`)).json()
    t.same(cards.data.map((c: any) => c.data), [{ cardNumber: 'HS4929220878811', holderPersonalId: khoa }])
    t.same((await get(`/v1/citizens/${an}/health-insurance`)).json().data.map((c: any) => c.meta.id), [anCard])
    const businesses = await get(`/v1/citizens/${an}/business-households?fields=name`)
    t.same(businesses.json().data.map((b: any) => b.data), [{ name: 'Tạp hóa Mai An' }])
    t.match(businesses.json().data.map((b: any) => b.meta.id), [/^rec_[A-Za-z0-9_-]{22}$/],
      'registrationNumber not granted here: an opaque ref, not the id')
    t.same((await get(`/v1/citizens/${an}/business-households?fields=registrationNumber`)).json()
      .data.map((b: any) => b.meta.id), [business])
    t.same((await get(`/v1/citizens/${khoa}/business-households`)).json(), { data: [], page: { next: null } })
    const h = await get(`/v1/citizens/${khoa}/household?fields=householdId`)
    t.same(h.json().data, { householdId: household })
    t.same(h.json().membership, { householdId: household }, 'members not selected: no relation to the head')
    t.same((await get(`/v1/citizens/${khoa}/household?fields=householdId,members`)).json().membership,
      { householdId: household, relationToHead: '03', isHead: false })
    const entry = (await api.audit()).at(-1)
    t.same(entry?.subjects, [an, khoa].sort())
    t.equal(entry?.entity, 'household')
    t.equal((await get(`/v1/citizens/${khoa}/household?fields=householdId`,
      { headers: { 'if-none-match': h.headers.etag as string } })).statusCode, 304)
    t.equal((await get(`/v1/citizens/${khoa}/household?fields=membersCount`)).json().code, 'LT_ERR_FIELD_UNKNOWN')
  })

  await t.test('ETag per page', async t => {
    const first = await get(`/v1/citizens/${an}/land-parcels?limit=2`)
    const second = await get(`/v1/citizens/${an}/land-parcels?limit=2&cursor=${String(first.json().page.next)}`)
    t.not(first.headers.etag, second.headers.etag)
    t.equal(first.headers['cache-control'], 'private, no-store')
    const before = (await api.audit()).length
    const again = await get(`/v1/citizens/${an}/land-parcels?limit=2`,
      { headers: { 'if-none-match': first.headers.etag as string } })
    t.equal(again.statusCode, 304)
    t.equal((await api.audit()).length, before + 1)
  })

  await t.test('unknown citizen: 404 after the grant check', async t => {
    t.equal((await get('/v1/citizens/092999999999/land-parcels')).json().code, 'LT_ERR_CITIZEN_NOT_FOUND')
    t.equal((await get('/v1/citizens/092999999999/land-parcels', { purpose: '2.000635' })).json()
      .code, 'LT_ERR_FORBIDDEN')
  })
})
