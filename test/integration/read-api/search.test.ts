// Restricted search: name + date of birth + ward, at most five candidates, exact on the derived key.
import t from 'tap'
import { an, namesakes, NARROW, openReadApi, PURPOSE } from './fixture.js'

t.test('POST /v1/citizens/search', async t => {
  const api = await openReadApi(t)
  const search = async (payload: unknown, { key = api.key.dept, purpose = PURPOSE }: { key?: string,
    purpose?: string } = {}) =>
    await api.app.inject({ method: 'POST', url: '/v1/citizens/search', headers: { authorization: `Bearer ${key}`,
      'x-purpose': purpose }, payload: payload as object })

  await t.test('one match: the candidate with the granted identifying fields only', async t => {
    const res = await search({ fullName: 'nguyen van  AN', birthDate: '1985-03-15', wardCode: '31135' })
    t.equal(res.statusCode, 200)
    t.same(res.json(), { data: [{ personalId: an, fullName: 'Nguyễn Văn An', birthDate: '1985-03-15',
      permanentAddress: { wardCode: '31135' } }] }, 'no phone, no street, though granted')
    t.equal(res.headers['cache-control'], 'private, no-store')
    const entry = (await api.audit()).at(-1)
    t.same(entry?.subjects, [an])
    t.same(entry?.fields, ['birthDate', 'fullName', 'permanentAddress.wardCode', 'personalId'])
    const narrow = await search({ fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', wardCode: '31135' },
      { key: api.key.narrow, purpose: NARROW })
    t.same(narrow.json().data, [{ fullName: 'Nguyễn Văn An', permanentAddress: { wardCode: '31135' } }])
  })

  await t.test('no match in another ward or on another birthday; an empty answer is audited too', async t => {
    t.same((await search({ fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', wardCode: '31117' })).json(),
      { data: [] })
    t.same((await search({ fullName: 'Nguyễn Văn An', birthDate: '1985-03-16', wardCode: '31135' })).json(),
      { data: [] })
    t.same((await search({ fullName: 'Nguyễn Văn', birthDate: '1985-03-15', wardCode: '31135' })).json(), { data: [] },
      'a part of the name is not a match')
    t.same((await api.audit()).at(-1)?.subjects, [])
  })

  await t.test('more than five: 422 asking for more; sex narrows it', async t => {
    const broad = await search({ fullName: 'Trần Văn Nam', birthDate: '1990-01-01', wardCode: '31117' })
    t.equal(broad.statusCode, 422)
    t.equal(broad.json().code, 'LT_ERR_SEARCH_TOO_BROAD')
    t.notOk(JSON.stringify(broad.json()).includes('0921900010'), 'no candidate leaks')
    const before = (await api.audit()).length
    const men = await search({ fullName: 'Trần Văn Nam', birthDate: '1990-01-01', wardCode: '31117', sex: 'male' })
    t.equal(men.statusCode, 200)
    t.same(men.json().data.map((c: any) => c.personalId), namesakes.slice(0, 4),
      'including the record written without diacritics')
    t.equal((await api.audit()).length, before + 1, 'the refused search wrote no entry; the answered one did')
  })

  await t.test('all three keys are required; bad input is 400', async t => {
    for (const payload of [{ fullName: 'Nguyễn Văn An', birthDate: '1985-03-15' },
      { birthDate: '1985-03-15', wardCode: '31135' }, { fullName: 'Nguyễn Văn An', wardCode: '31135' }]) {
      const res = await search(payload)
      t.equal(res.statusCode, 400)
      t.equal(res.json().code, 'LT_ERR_VALIDATION')
    }
    t.equal((await search({ fullName: 'Nguyễn Văn An', birthDate: '15/03/1985', wardCode: '31135' })).json()
      .code, 'LT_ERR_VALIDATION')
    t.equal((await search({ fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', wardCode: '31135',
      phone: '0912000001' })).json().code, 'LT_ERR_VALIDATION', 'no other criteria')
  })

  await t.test('grants: none is 403; one showing no identifying field is 403 too', async t => {
    t.equal((await search({ fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', wardCode: '31135' },
      { purpose: '2.000635' })).json().code, 'LT_ERR_FORBIDDEN')
    const steward = await search({ fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', wardCode: '31135' },
      { key: api.key.steward })
    t.equal(steward.statusCode, 403)
    t.equal(steward.json().code, 'LT_ERR_FIELD_NOT_GRANTED')
  })
})
