// POST /v1/prefill and GET /v1/procedures on real golden records (merged by the merger into an
// embedded store), behind real access control.
import t from 'tap'
import { harness, canonicalEvent } from '../../unit/merger/fixtures.js'
import { openGateway, makeClient, bearer, openTestStore } from '../../security/helpers.js'

t.test('prefill', async t => {
  const store = openTestStore(t)
  const { apply } = harness(undefined, store)
  const bride = '092190001111'
  const groom = '092088002222'
  await apply([
    canonicalEvent({ entityId: bride, system: 'ho-tich', at: 10, fields: { personalId: bride, fullName: 'Trần Thị Mai',
      familyName: 'Trần', middleName: 'Thị', givenName: 'Mai', birthDate: '1990-04-02', sex: 'female',
      ethnicityCode: '01', nationality: 'VN', maritalStatus: 'single' } }),
    canonicalEvent({ entityId: bride, system: 'bhyt', at: 20, fields: { birthDate: '1990-04-03' } }),
    canonicalEvent({ entityId: bride, system: 'cu-tru', at: 30,
      fields: { permanentAddress: { line: '12 Trần Hưng Đạo', wardCode: '31135' } } }),
    canonicalEvent({ entityId: groom, system: 'ho-tich', at: 11,
      fields: { personalId: groom, fullName: 'Lê Văn Nam', familyName: 'Lê', middleName: 'Văn', givenName: 'Nam',
      birthDate: '1988-01-01', sex: 'male', nationality: 'VN' } })
  ])
  const { app } = await openGateway(t, { store })
  const fields = ['personalId', 'fullName', 'birthDate', 'ethnicityCode', 'nationality',
    'permanentAddress', 'maritalStatus']
  // Grants for marriage, for birth registration (to reach the purpose check) and for a procedure
  // the hub has no template for (to reach the not-found answer).
  const clerk = await makeClient(store, 'one-stop', 'one-stop',
    ['1.000894', '1.001193', '9.999999'].map(purpose => ({ purpose, entity: 'person' as const, fields })))
  const stranger = await makeClient(store, 'other-dept', 'department',
    [{ purpose: '1.001193', entity: 'person', fields }])
  const post = async (body: unknown, key = clerk.key, purpose = '1.000894') =>
    await app.inject({ method: 'POST', url: '/v1/prefill', headers: { ...bearer(key), 'x-purpose': purpose },
      payload: body as object })

  const procedures = await app.inject({ method: 'GET', url: '/v1/procedures', headers: bearer(clerk.key) })
  t.equal(procedures.statusCode, 200)
  t.same(procedures.json().data.map((p: { code: string }) => p.code).sort(),
    ['1.000894', '1.001193', '1.001612', '1.004194', '1.004222', '1.013978', '2.000986'])

  const ok = await post({ procedureCode: '1.000894', personalId: bride, subjects: { groom } })
  t.equal(ok.statusCode, 200)
  const body = ok.json()
  const byId = Object.fromEntries(body.fields.map((f: { id: string }) => [f.id, f]))
  t.match(byId['benNu.hoTen'], { status: 'filled', value: 'Trần Thị Mai', source: { sourceSystem: 'ho-tich' } })
  t.match(byId['benNu.ngaySinh'], { status: 'filled', value: '1990-04-02',
    conflict: { sourceSystems: ['bhyt', 'ho-tich'] } }, 'civil status wins the birth date; the disagreement is flagged')
  t.match(byId['benNu.noiCuTru'], { status: 'filled', value: { wardCode: '31135' },
    source: { sourceSystem: 'cu-tru' } })
  t.equal(byId['benNu.hoTen'].stale, true, 'January values are older than the 180 days the procedure allows')
  t.match(byId['benNam.danToc'], { status: 'ask', reason: 'no source holds this value' })
  t.ok(body.toAsk.some((a: { id: string }) => a.id === 'camKet'), 'what only the citizen can give is asked')
  t.notOk('reads' in body, 'internal bookkeeping stays inside')

  const log = await app.inject({ method: 'GET', url: `/v1/citizens/${groom}/access-log`,
    headers: { ...bearer((await makeClient(store, 'ops', 'operator', [{ purpose: 'citizen-request',
    entity: 'access-log', fields: ['at', 'clientId', 'purpose', 'fields'] }])).key), 'x-purpose': 'citizen-request' } })
  t.equal(log.statusCode, 200)
  t.match(log.json().data[0], { clientId: 'one-stop', purpose: '1.000894' },
    'the prefill read is in the groom\'s access log')

  t.match((await post({ procedureCode: '1.000894', personalId: bride })).json(),
    { code: 'LT_ERR_PREFILL_SUBJECT', errors: [{ path: 'body/subjects/groom' }] })
  t.match((await post({ procedureCode: '1.000894', personalId: bride, subjects: { father: groom } })).json(),
    { code: 'LT_ERR_PREFILL_SUBJECT' })
  t.match((await post({ procedureCode: '9.999999', personalId: bride }, clerk.key, '9.999999')).json(),
    { code: 'LT_ERR_PROCEDURE_NOT_FOUND' })
  t.match((await post({ procedureCode: '1.000894', personalId: bride, subjects: { groom } }, clerk.key,
    '1.001193')).json(), { code: 'LT_ERR_PURPOSE_MISMATCH' })
  t.match((await post({ procedureCode: '1.000894', personalId: '12' })).json(), { code: 'LT_ERR_VALIDATION' })
  const forbidden = await post({ procedureCode: '1.000894', personalId: bride, subjects: { groom } }, stranger.key)
  t.equal(forbidden.statusCode, 403, 'a grant for another procedure does not cover this one')
  t.equal((await app.inject({ method: 'POST', url: '/v1/prefill', payload: { procedureCode: '1.000894',
    personalId: bride } })).statusCode, 401)
})
