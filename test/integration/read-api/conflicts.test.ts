// GET /v1/conflicts: operators only, with a purpose and a grant on the entity; values projected to
// the grant, conflicts on ungranted fields left out, every page audited with the people involved.
import t from 'tap'
import { an, openReadApi, PURPOSE } from './fixture.js'
import { OPERATOR_KEY } from '../../security/helpers.js'

t.test('conflicts are personal data: purpose, grant, audit', async t => {
  const api = await openReadApi(t)
  const { get } = api

  await t.test('the operator with a grant sees the values', async t => {
    const res = await get('/v1/conflicts?entity=person', { key: OPERATOR_KEY })
    t.equal(res.statusCode, 200)
    t.same(res.json().data.map((c: any) => [c.entityId, c.field]), [[an, 'phone']])
    t.same(res.json().data[0].values.map((v: any) => v.value).sort(), ['0912000001', '0912000002'])
    t.equal(res.headers['cache-control'], 'private, no-store')
    const entry = (await api.audit()).at(-1)
    t.same(entry?.subjects, [an])
    t.same(entry?.fields, ['phone'])
    t.equal(entry?.entity, 'person')
    t.same((await get(`/v1/conflicts?entity=person&entityId=${an}&field=phone&status=open`,
      { key: OPERATOR_KEY })).json().data.length, 1)
    t.same((await get('/v1/conflicts?entity=person&entityId=092999999999', { key: OPERATOR_KEY })).json(),
      { data: [], page: { next: null } })
  })

  await t.test('a steward granted only phone numbers sees those; other fields are left out', async t => {
    t.same((await get('/v1/conflicts?entity=person', { key: api.key.steward })).json()
      .data.map((c: any) => c.field), ['phone'])
  })

  await t.test('refusals', async t => {
    t.equal((await get('/v1/conflicts?entity=person', { key: OPERATOR_KEY, purpose: null })).json().code,
      'LT_ERR_PURPOSE_REQUIRED')
    const noGrant = await get('/v1/conflicts?entity=household', { key: OPERATOR_KEY })
    t.equal(noGrant.statusCode, 403)
    t.match(noGrant.json().detail, /no grant for purpose '1.000894' on entity 'household'/)
    const dept = await get('/v1/conflicts?entity=person', { key: api.key.dept, purpose: PURPOSE })
    t.equal(dept.statusCode, 403, 'a department with a person grant is still not an operator')
    t.match(dept.json().detail, /not an operator/)
    t.equal((await get('/v1/conflicts', { key: OPERATOR_KEY })).json().code, 'LT_ERR_VALIDATION', 'entity is required')
    t.equal((await get('/v1/conflicts?entity=person&limit=501', { key: OPERATOR_KEY })).json()
      .code, 'LT_ERR_VALIDATION')
  })
})
