// Lookups by the other keys: legacy CMND and BHYT number to the citizen, certificate serial to its
// parcels. Parsed by the Vietnamese rules, resolved through the hub's links, projected and audited.
import t from 'tap'
import { an, anCard, cmnd, coHolder, khoa, khoaCard, khoaSsn, lan, lanCmnd, NARROW, openReadApi, parcels,
  serial } from './fixture.js'

t.test('lookups by CMND, BHYT number and certificate serial', async t => {
  const api = await openReadApi(t)
  const { get } = api

  await t.test('GET /v1/citizens/by-cmnd/{cmnd}', async t => {
    const res = await get(`/v1/citizens/by-cmnd/${cmnd}?fields=personalId,fullName`)
    t.equal(res.statusCode, 200)
    t.same(res.json().data, { personalId: an, fullName: 'Nguyễn Văn An' })
    t.equal(res.json().meta.id, an)
    t.same((await api.audit()).at(-1)?.subjects, [an])
    t.ok(res.headers.etag)
    t.equal((await get(`/v1/citizens/by-cmnd/${cmnd}?fields=personalId,fullName`,
      { headers: { 'if-none-match': res.headers.etag as string } })).statusCode, 304)
    t.same((await get(`/v1/citizens/by-cmnd/${lanCmnd}?fields=personalId`)).json().data, { personalId: lan },
      'no id link yet: the person naming the CMND')
    const unknown = await get('/v1/citizens/by-cmnd/123456789')
    t.equal(unknown.statusCode, 404)
    t.equal(unknown.json().code, 'LT_ERR_CITIZEN_NOT_FOUND')
    const bad = await get('/v1/citizens/by-cmnd/12345')
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().code, 'LT_ERR_CMND_FORMAT')
    t.equal(bad.json().errors[0].path, 'params/cmnd')
    t.equal((await get(`/v1/citizens/by-cmnd/${cmnd}`, { key: api.key.narrow, purpose: '1.000894' })).json()
      .code, 'LT_ERR_FORBIDDEN')
    t.same((await get(`/v1/citizens/by-cmnd/${cmnd}`, { key: api.key.narrow, purpose: NARROW })).json().data,
      { fullName: 'Nguyễn Văn An', permanentAddress: { wardCode: '31135' } })
    t.equal((await get(`/v1/citizens/by-cmnd/${cmnd}?fields=sex`)).json().code, 'LT_ERR_FIELD_NOT_GRANTED')
    t.equal((await get(`/v1/citizens/by-cmnd/${cmnd}?asOf=2026-01-01T00:10:00Z&fields=maritalStatus`)).json()
      .meta.version, 3, 'asOf applies to the person')
  })

  await t.test('GET /v1/citizens/by-health-insurance/{number}', async t => {
    for (const number of [khoaCard, khoaSsn, 'hs 4 92 9220878811']) {
      const res = await get(`/v1/citizens/by-health-insurance/${encodeURIComponent(number)}?fields=personalId`)
      t.equal(res.statusCode, 200, number)
      t.same(res.json().data, { personalId: khoa }, `${number}: the holder`)
    }
    // An old 15-character card of An's: the social-insurance number is the key.
    t.same((await get(`/v1/citizens/by-health-insurance/DN492${anCard}?fields=personalId`)).json()
      .data, { personalId: an })
    t.same((await api.audit()).at(-1)?.subjects, [an])
    const unknown = await get('/v1/citizens/by-health-insurance/9299999999')
    t.equal(unknown.statusCode, 404)
    t.equal(unknown.json().code, 'LT_ERR_HEALTH_CARD_NOT_FOUND')
    t.equal((await get('/v1/citizens/by-health-insurance/HS49292208788')).json().code, 'LT_ERR_BHYT_FORMAT')
    t.equal((await get('/v1/citizens/by-health-insurance/HS7929220878811')).json().code, 'LT_ERR_BHYT_BENEFIT_LEVEL')
    t.equal((await get(`/v1/citizens/by-health-insurance/${khoaSsn}`, { purpose: null })).json().code,
      'LT_ERR_PURPOSE_REQUIRED')
  })

  await t.test('GET /v1/land-parcels/by-certificate/{serial}', async t => {
    const res = await get(`/v1/land-parcels/by-certificate/${encodeURIComponent(serial)}?fields=parcelId,areaM2`)
    t.equal(res.statusCode, 200)
    // The certificate lists two held parcels, a deleted one and one the hub never heard of.
    t.same(res.json().data.map((p: any) => p.data), [{ parcelId: parcels[0], areaM2: 100 },
      { parcelId: parcels[1], areaM2: 101 }])
    t.same(res.json().page, { next: null })
    const entry = (await api.audit()).at(-1)
    t.equal(entry?.entity, 'land-parcel')
    t.same(entry?.subjects, [an])
    t.same(entry?.fields, ['areaM2', 'parcelId'])
    t.same((await get('/v1/land-parcels/by-certificate/aa05565655?fields=parcelId')).json().data.length, 2,
      'spaces and case do not matter')
    const first = (await get(`/v1/land-parcels/by-certificate/${encodeURIComponent(serial)}?limit=1`)).json()
    t.same(first.data.map((p: any) => p.meta.id), [parcels[0]])
    const rest = (await get(
      `/v1/land-parcels/by-certificate/${encodeURIComponent(serial)}?limit=1&cursor=${String(first.page.next)}`)).json()
    t.same(rest.data.map((p: any) => p.meta.id), [parcels[1]])
    t.equal((await get('/v1/land-parcels/by-certificate/AA%2099999999')).json().code,
      'LT_ERR_LAND_CERTIFICATE_NOT_FOUND')
    const bad = await get('/v1/land-parcels/by-certificate/A1%20234')
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().code, 'LT_ERR_CERT_SERIAL')
    t.equal((await get(`/v1/land-parcels/by-certificate/${encodeURIComponent(serial)}` +
      `?cursor=${Buffer.from('nope').toString('base64url')}`)).json().code, 'LT_ERR_CURSOR_INVALID')
    t.equal((await get(`/v1/land-parcels/by-certificate/${encodeURIComponent(serial)}`,
      { key: api.key.narrow, purpose: NARROW })).json().code, 'LT_ERR_FORBIDDEN')
  })

  await t.test('a page of parcels is exact whichever link slot names the citizen', async t => {
    const after1 = (await get(`/v1/citizens/${an}/land-parcels?limit=2`)).json().page.next as string
    const body = (await get(`/v1/citizens/${an}/land-parcels?limit=1&cursor=${after1}`)).json()
    t.same(body.data.map((p: any) => p.meta.id), [parcels[2]])
    t.same((await api.audit()).at(-1)?.subjects, [coHolder, an].sort(), 'the co-holder\'s data is in the page too')
  })
})
