// GET /v1/dead-letters pages with a sealed `next`: the position (dead-at time, letter id) does not
// show, and a cursor the hub did not seal (the plain base64url JSON it once accepted) is refused.
import t from 'tap'
import { openFixture } from './fixture.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'

const letter = (n: number): DeadLetterDoc => ({
  _id: `letter-${n}`, version: 1, group: 'normalizer', connector: 'civil-status',
    code: 'LT_ERR_RAW_SCHEMA', reason: 'synthetic',
  origin: { topic: 'raw.civil-status', partition: 0, offset: String(n) },
    dlq: { topic: 'dlq.normalizer', partition: 0, offset: String(n) },
  key: 'k', value: '{}', headers: {}, deadAt: `2026-01-0${n}T00:00:00.000Z`, state: 'open', replays: 0
})

t.test('dead-letter pages carry sealed cursors', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  await f.store.bulkUpsert('dead_letters', [1, 2].map(n => ({ doc: letter(n), expectedVersion: null })))

  const first = await f.call('GET', '/v1/dead-letters?limit=1')
  t.equal(first.statusCode, 200)
  t.same(first.json().data.map((d: { _id?: string, id?: string }) => d._id ?? d.id), ['letter-2'], 'newest first')
  const next = first.json().next as string
  t.notMatch(Buffer.from(next, 'base64url').toString('latin1'), 'letter-2', 'the letter id does not show')
  const second = await f.call('GET', `/v1/dead-letters?limit=1&after=${next}`)
  t.equal(second.statusCode, 200)
  t.same(second.json().data.map((d: { _id?: string, id?: string }) => d._id ?? d.id), ['letter-1'])
  t.equal(second.json().next, null)

  const plain = Buffer.from(JSON.stringify(['2026-01-02T00:00:00.000Z', 'letter-2'])).toString('base64url')
  const forged = await f.call('GET', `/v1/dead-letters?limit=1&after=${plain}`)
  t.equal(forged.statusCode, 400)
  t.equal(forged.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(forged.json(), { code: 'LT_ERR_CURSOR_INVALID', errors: [{ path: 'querystring/after' }] })
})
