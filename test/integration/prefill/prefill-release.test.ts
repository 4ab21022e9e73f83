// Prefill and the access log leave through the shared release step (gateway/read/release.ts), like
// every other personal-data read: `Cache-Control: private, no-store` (no HTTP cache may keep
// personal data) and the audit entries stored before the answer. Before, both routes appended their
// audit entries themselves and answered without the header. A missing grant on a linked entity
// only turns its fields into questions (no 403 is thrown and caught for it any more).
import t from 'tap'
import { harness, canonicalEvent } from '../../unit/merger/fixtures.js'
import { openGateway, makeClient, bearer, openTestStore } from '../../security/helpers.js'
import { PERSONAL_DATA_CACHE_CONTROL } from '../../../gateway/read/release.js'

t.test('prefill and the access log go through the release step', async t => {
  const store = openTestStore(t)
  const { apply } = harness(undefined, store)
  const bride = '092190001111'
  const groom = '092088002222'
  await apply([
    canonicalEvent({ entityId: bride, system: 'ho-tich', at: 10, fields: { personalId: bride, fullName: 'Trần Thị Mai',
      birthDate: '1990-04-02', sex: 'female' } }),
    canonicalEvent({ entityId: groom, system: 'ho-tich', at: 11, fields: { personalId: groom, fullName: 'Lê Văn Nam',
      birthDate: '1988-01-01', sex: 'male' } })
  ])
  const { app } = await openGateway(t, { store })
  const clerk = await makeClient(store, 'one-stop', 'one-stop',
    [{ purpose: '1.000894', entity: 'person', fields: ['personalId', 'fullName', 'birthDate'] }])
  const prefill = await app.inject({
    method: 'POST', url: '/v1/prefill', headers: { ...bearer(clerk.key), 'x-purpose': '1.000894' },
    payload: { procedureCode: '1.000894', personalId: bride, subjects: { groom } }
  })
  t.equal(prefill.statusCode, 200)
  t.equal(prefill.headers['cache-control'], PERSONAL_DATA_CACHE_CONTROL, 'the prefill answer may not be cached')
  const byId = Object.fromEntries(prefill.json().fields.map((f: { id: string }) => [f.id, f]))
  t.match(byId['benNu.hoTen'], { status: 'filled', value: 'Trần Thị Mai' })

  const ops = await makeClient(store, 'ops', 'operator',
    [{ purpose: 'citizen-request', entity: 'access-log', fields: ['at', 'clientId', 'purpose', 'entity', 'fields'] }])
  const log = await app.inject({ method: 'GET', url: `/v1/citizens/${bride}/access-log`,
    headers: { ...bearer(ops.key), 'x-purpose': 'citizen-request' } })
  t.equal(log.statusCode, 200)
  t.equal(log.headers['cache-control'], PERSONAL_DATA_CACHE_CONTROL, 'the access log may not be cached either')
  t.match(log.json().data[0], { clientId: 'one-stop', purpose: '1.000894', entity: 'person' },
    'the prefill\'s read was audited')
  const again = await app.inject({ method: 'GET', url: `/v1/citizens/${bride}/access-log`,
    headers: { ...bearer(ops.key), 'x-purpose': 'citizen-request' } })
  t.match(again.json().data[0], { clientId: 'ops', entity: 'access-log' },
    'reading the access log is itself audited, before the answer')
})
