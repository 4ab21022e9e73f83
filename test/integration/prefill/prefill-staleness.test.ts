// Staleness is about confirmation, not change: a value that last changed in January is fresh when
// its source synced successfully yesterday and brought no change to it; a source that has not
// synced within the procedure's maxAgeDays leaves its values stale.
import t from 'tap'
import { harness, canonicalEvent } from '../../unit/merger/fixtures.js'
import { openGateway, makeClient, bearer, openTestStore } from '../../security/helpers.js'
import { statusId } from '../../../connectors/registry/registry-docs.js'

t.test('prefill flags a value stale only when its source has not confirmed it lately', async t => {
  const store = openTestStore(t)
  const { apply } = harness(undefined, store)
  const bride = '092190001111'
  const groom = '092088002222'
  // The fixture's events are from January 2026 (connector `<system>-connector`).
  await apply([
    canonicalEvent({ entityId: bride, system: 'ho-tich', at: 10, fields: { personalId: bride, fullName: 'Trần Thị Mai',
      birthDate: '1990-04-02', sex: 'female' } }),
    canonicalEvent({ entityId: bride, system: 'cu-tru', at: 30,
      fields: { permanentAddress: { line: '12 Trần Hưng Đạo', wardCode: '31135' } } }),
    canonicalEvent({ entityId: groom, system: 'ho-tich', at: 11, fields: { personalId: groom, fullName: 'Lê Văn Nam',
      birthDate: '1988-01-01', sex: 'male' } })
  ])
  const yesterday = new Date(Date.now() - 86400_000).toISOString()
  await store.bulkUpsert('connectors', [{
    doc: { _id: statusId('ho-tich-connector'), version: 1, kind: 'status', connectorId: 'ho-tich-connector',
      connectorVersion: '1.0.0', reportedAt: yesterday, status: { read: 10, published: 10, rejected: 0, running: false,
      lastSuccessAt: yesterday } },
    expectedVersion: null
  }])
  const { app } = await openGateway(t, { store })
  const clerk = await makeClient(store, 'one-stop', 'one-stop', [{ purpose: '1.000894', entity: 'person',
    fields: ['personalId', 'fullName', 'birthDate', 'permanentAddress', 'maritalStatus'] }])
  const answer = await app.inject({ method: 'POST', url: '/v1/prefill', headers: { ...bearer(clerk.key),
    'x-purpose': '1.000894' }, payload: { procedureCode: '1.000894', personalId: bride, subjects: { groom } } })
  t.equal(answer.statusCode, 200)
  const byId = Object.fromEntries(answer.json().fields.map((f: { id: string }) => [f.id, f]))
  t.equal(byId['benNu.hoTen'].stale, undefined, 'civil status synced yesterday: the January name is confirmed')
  t.match(byId['benNu.hoTen'].source, { sourceSystem: 'ho-tich', sourceTime: '2026-01-01T00:10:00.000Z',
    confirmedAt: yesterday })
  t.equal(byId['benNam.ngaySinh'].stale, undefined)
  t.equal(byId['benNu.noiCuTru'].stale, true, 'residence has not synced since January: stale')
  t.match(byId['benNam.tinhTrangHonNhan'], { status: 'filled', value: 'single', source: { sourceSystem: 'ho-tich' } },
    'no marriage in the civil-status register: single')
  t.equal(byId['benNu.noiCuTru'].source.confirmedAt, '2026-01-01T00:30:05.000Z', 'confirmed when the hub received it')
})
