// The subscription routes' answers to bad input: problem+json with stable codes and where it went
// wrong; ownership; the secret shown once.
import t from 'tap'
import { openWorld, PURPOSE } from './world.js'
import { makeClient } from '../../security/helpers.js'

t.test('bad subscriptions are refused with problem details', async t => {
  const world = await openWorld(t)
  const post = async (body: Record<string, unknown>) => await world.call('POST', '/v1/subscriptions',
    { entity: 'person', purpose: PURPOSE, url: world.receiver.url, ...body })

  const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
    ['no grant for the purpose', { purpose: '1.000894' }, 403, 'LT_ERR_FORBIDDEN', 'body/purpose'],
    ['no grant for the entity', { entity: 'land-parcel' }, 403, 'LT_ERR_FORBIDDEN', 'body/purpose'],
    ['a field outside the grant', { fields: ['fullName', 'phone'] }, 403, 'LT_ERR_FIELD_NOT_GRANTED', 'body/fields'],
    ['an unknown field', { fields: ['shoeSize'] }, 400, 'LT_ERR_FIELD_UNKNOWN', 'body/fields'],
    ['a private address', { url: 'http://10.1.2.3/hook' }, 422, 'LT_ERR_SSRF_REFUSED', 'body/url'],
    ['cloud metadata', { url: 'http://169.254.169.254/latest' }, 422, 'LT_ERR_SSRF_REFUSED', 'body/url'],
    ['credentials in the URL', { url: 'http://user:pw@127.0.0.1:9/x' }, 422, 'LT_ERR_SSRF_REFUSED', 'body/url'],
    ['another scheme', { url: 'file:///etc/passwd' }, 422, 'LT_ERR_SSRF_REFUSED', 'body/url'],
    ['an unknown change kind', { filter: { kinds: ['married'] } }, 400, 'LT_ERR_VALIDATION', '/filter/kinds/0'],
    ['a malformed ward code', { filter: { wardCode: '31-17' } }, 400, 'LT_ERR_VALIDATION', '/filter/wardCode'],
    ['an unknown entity', { entity: 'vehicle' }, 400, 'LT_ERR_VALIDATION', '/entity']
  ]
  for (const [what, body, status, code, path] of cases) {
    const res = await post(body)
    t.equal(res.statusCode, status, `${what}: ${status}`)
    t.equal(res.body.code, code, `${what}: ${code}`)
    t.ok((res.body.errors ?? []).some((e: { path: string }) => e.path.includes(path)),
      `${what}: names ${path} (${JSON.stringify(res.body.errors)})`)
  }
  t.same((await world.call('GET', '/v1/subscriptions')).body.data, [], 'nothing was created')
})

t.test('a subscription is its client\'s: the secret is shown once, others get 404', async t => {
  const world = await openWorld(t)
  const created = await world.call('POST', '/v1/subscriptions', { entity: 'person', purpose: PURPOSE,
    url: world.receiver.url, fields: ['permanentAddress.wardCode'], filter: { wardCode: '31117', kinds: ['moved'] } })
  t.equal(created.statusCode, 201)
  t.match(created.body, { secret: /^whsec_[A-Za-z0-9+/=]{32}$/, subscription: { id: /^sub_/, status: 'active',
    fields: ['permanentAddress.wardCode'], filter: { wardCode: '31117', kinds: ['moved'] } } })
  const id = created.body.subscription.id as string
  const listed = await world.call('GET', '/v1/subscriptions')
  t.equal(listed.body.data.length, 1)
  t.notOk(JSON.stringify(listed.body).includes('whsec_'), 'the list shows no secret')

  const other = await makeClient(world.store, 'so-y-te', 'department',
    [{ purpose: PURPOSE, entity: 'person', fields: ['fullName'] }])
  const asOther = await world.app.inject({ method: 'GET', url: `/v1/subscriptions/${id}`,
    headers: { authorization: `Bearer ${other.key}` } })
  t.equal(asOther.statusCode, 404)
  t.equal(asOther.json().code, 'LT_ERR_SUBSCRIPTION_NOT_FOUND')
  t.same((await world.app.inject({ method: 'GET', url: '/v1/subscriptions',
    headers: { authorization: `Bearer ${other.key}` } })).json().data, [])

  const patched = await world.call('PATCH', `/v1/subscriptions/${id}`, { fields: ['phone'] })
  t.equal(patched.body.code, 'LT_ERR_FIELD_NOT_GRANTED', 'a PATCH is held to the grant too')
  const moved = await world.call('PATCH', `/v1/subscriptions/${id}`, { url: 'http://192.168.1.10/x' })
  t.equal(moved.body.code, 'LT_ERR_SSRF_REFUSED')
  t.equal((await world.call('PATCH', `/v1/subscriptions/${id}`,
    { description: 'Phường Ninh Kiều: chuyển đến' })).body.description, 'Phường Ninh Kiều: chuyển đến')

  t.equal((await world.call('DELETE', `/v1/subscriptions/${id}`)).statusCode, 204)
  t.equal((await world.call('GET', `/v1/subscriptions/${id}`)).statusCode, 404)
})
