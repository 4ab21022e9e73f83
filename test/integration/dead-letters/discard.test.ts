// POST /v1/dead-letters/{id}/discard (the console's discard, also in the API): a reason is needed;
// the letter is kept, marked discarded with who and why, and no longer listed as open.
import t from 'tap'
import { openFixture } from '../connectors/fixture.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'

const letter: DeadLetterDoc = {
  _id: 'letter-1', version: 1, group: 'normalizer', connector: 'civil-status',
    code: 'LT_ERR_RAW_SCHEMA', reason: 'synthetic',
  origin: { topic: 'raw.civil-status', partition: 0, offset: '1' },
    dlq: { topic: 'dlq.normalizer', partition: 0, offset: '1' },
  key: 'k', value: '{}', headers: {}, deadAt: '2026-01-01T00:00:00.000Z', state: 'open', replays: 0
}

t.test('discarding a dead letter', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  await f.store.bulkUpsert('dead_letters', [{ doc: letter, expectedVersion: null }])

  const short = await f.call('POST', '/v1/dead-letters/letter-1/discard', { reason: 'x' })
  t.equal(short.statusCode, 400)
  t.equal(short.json().code, 'LT_ERR_VALIDATION')
  t.equal((await f.call('POST', '/v1/dead-letters/letter-9/discard', { reason: 'test record' })).json().code,
    'LT_ERR_DEAD_LETTER_NOT_FOUND')

  const res = await f.call('POST', '/v1/dead-letters/letter-1/discard', { reason: 'bản ghi thử nghiệm của nguồn' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { state: 'discarded', discardReason: 'bản ghi thử nghiệm của nguồn',
    discardedBy: 'bootstrap-operator' })
  t.same((await f.call('GET', '/v1/dead-letters?state=open')).json().data, [])
  t.equal((await f.call('GET', '/v1/dead-letters?state=discarded')).json().data.length, 1)
})
