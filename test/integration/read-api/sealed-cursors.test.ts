// Operator lists (conflicts, unresolved CMND links) page with sealed cursors like the citizen
// lists: `page.next` shows nothing of the conflict id or CMND it stands for, and a cursor the hub
// did not issue (plain base64url of a real id, as these lists once accepted) is refused.
import t from 'tap'
import { an, khoa, openReadApi } from './fixture.js'
import { OPERATOR_KEY } from '../../security/helpers.js'
import type { ConflictDoc } from '../../../records/golden-record.js'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url')

t.test('conflicts and unresolved pages carry sealed cursors', async t => {
  const api = await openReadApi(t)
  const { get, store } = api
  const conflict = await store.get('conflicts', `person:${an}:phone`) as ConflictDoc
  await store.bulkUpsert('conflicts', [{ doc: { ...conflict, _id: `person:${khoa}:phone`, entityId: khoa, version: 1 },
    expectedVersion: null }])
  await store.bulkUpsert('unresolved', ['361000001', '361000002'].map(value => ({
    doc: { _id: `cmnd:${value}`, version: 1, kind: 'cmnd', value, since: '2026-01-01T00:00:00.000Z', entries: [] },
    expectedVersion: null
  })))

  await t.test('conflicts', async t => {
    const first = await get('/v1/conflicts?entity=person&limit=1', { key: OPERATOR_KEY })
    t.equal(first.statusCode, 200)
    const next = first.json().page.next as string
    t.type(next, 'string')
    t.not(next, b64(`person:${an}:phone`), 'not the plain conflict id')
    t.notMatch(Buffer.from(next, 'base64url').toString('latin1'), an, 'the personal id does not show in the cursor')
    const second = await get(`/v1/conflicts?entity=person&limit=1&cursor=${next}`, { key: OPERATOR_KEY })
    t.same(second.json().data.map((c: { entityId: string }) => c.entityId), [khoa])
    t.equal(second.json().page.next, null)

    const forged = await get(`/v1/conflicts?entity=person&limit=1&cursor=${b64(`person:${an}:phone`)}`,
      { key: OPERATOR_KEY })
    t.equal(forged.statusCode, 400)
    t.equal(forged.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(forged.json(), { code: 'LT_ERR_CURSOR_INVALID', errors: [{ path: 'querystring/cursor' }] })
    const unresolvedNext = (await get('/v1/unresolved?limit=1', { key: OPERATOR_KEY, purpose: null })).json()
      .page.next as string
    t.equal((await get(`/v1/conflicts?entity=person&cursor=${unresolvedNext}`, { key: OPERATOR_KEY })).json().code,
      'LT_ERR_CURSOR_INVALID', 'a cursor opens only on the list it came from')
  })

  await t.test('unresolved', async t => {
    const first = await get('/v1/unresolved?limit=1', { key: OPERATOR_KEY, purpose: null })
    t.equal(first.statusCode, 200)
    const next = first.json().page.next as string
    t.not(next, b64('cmnd:361000001'))
    t.notMatch(Buffer.from(next, 'base64url').toString('latin1'), '361000001')
    const second = await get(`/v1/unresolved?limit=1&cursor=${next}`, { key: OPERATOR_KEY, purpose: null })
    t.same(second.json().data.map((d: { key: string }) => d.key), ['361000002'])
    const forged = await get(`/v1/unresolved?cursor=${b64('cmnd:361000001')}`, { key: OPERATOR_KEY, purpose: null })
    t.equal(forged.statusCode, 400)
    t.match(forged.json(), { code: 'LT_ERR_CURSOR_INVALID', errors: [{ path: 'querystring/cursor' }] })
  })
})
