// Issue 11 item 9: bodies nested hundreds or thousands of levels (a registered rawSchema, a pushed
// record) are refused at the edge with 400 problem+json LT_ERR_BODY_TOO_DEEP, never a 500 from
// SQLite ("malformed JSON") or a RangeError from recursive code further in.
import t from 'tap'
import { openFixture, OPERATOR_KEY } from './fixture.js'
import { welfareRecord, welfareRegistration } from './welfare-source.js'

const PUSH_TOKEN = 'push-token-of-the-school-system-0123456789'
const json = { 'content-type': 'application/json' }

/** A JSON text with `marker` replaced by a value nested `levels` deep, built without recursion. */
function withDeep (value: unknown, marker: string, open: string, close: string, levels: number): string {
  return JSON.stringify(value).replace(`"${marker}"`, open.repeat(levels) + close.repeat(levels))
}

t.test('a deeply nested rawSchema or pushed record gets 400 LT_ERR_BODY_TOO_DEEP', async t => {
  const f = await openFixture(t.testdir({}))
  t.teardown(f.close)
  const operator = { ...json, authorization: `Bearer ${OPERATOR_KEY}` }

  for (const levels of [40, 250, 4000]) {
    const reg = welfareRegistration('http://127.0.0.1:9') as any
    reg.streams[0].rawSchema.properties.nested = 'DEEP'
    // Each level is two JSON levels: a schema object and its `properties`.
    const payload = withDeep(reg, 'DEEP', '{"type":"object","properties":{"a":', '}}', levels)
      .replace(/("a":)(}})/, '$1{}$2')
    const res = await f.app.inject({ method: 'POST', url: '/v1/connectors', headers: operator, payload })
    t.equal(res.statusCode, 400, `rawSchema nested ${levels * 2} levels: 400`)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal(res.json().code, 'LT_ERR_BODY_TOO_DEEP')
    t.match(res.json().errors, [{ path: 'body', message: /deeper than 64 levels at character \d+/ }])
  }

  const push = welfareRegistration('', { id: 'truong-hoc', sourceSystem: 'giao-duc', mode: 'push',
    push: { token: PUSH_TOKEN } })
  delete push.source
  delete push.config
  const created = await f.call('POST', '/v1/connectors', push)
  t.equal(created.statusCode, 201, created.body)
  const pushHeaders = { ...json, authorization: `Bearer ${PUSH_TOKEN}` }
  for (const levels of [100, 6000]) {
    const payload = withDeep({ events: [{ eventId: 'e1', record: { ...welfareRecord(1), extra: 'DEEP' } }] },
      'DEEP', '[', ']', levels)
    const res = await f.app.inject({ method: 'POST', url: '/v1/connectors/truong-hoc/events',
      headers: pushHeaders, payload })
    t.equal(res.statusCode, 400, `pushed record nested ${levels} levels: 400`)
    t.equal(res.json().code, 'LT_ERR_BODY_TOO_DEEP')
  }
  const shallow = await f.app.inject({ method: 'POST', url: '/v1/connectors/truong-hoc/events', headers: pushHeaders,
    payload: JSON.stringify({ events: [{ eventId: 'e2', record: welfareRecord(2) }] }) })
  t.equal(shallow.statusCode, 202, 'an ordinary body is parsed as before')
  const poisoned = await f.app.inject({ method: 'POST', url: '/v1/connectors/truong-hoc/events', headers: pushHeaders,
    payload: '{"events":[],"__proto__":{"x":1}}' })
  t.equal(poisoned.statusCode, 400, 'Fastify\'s prototype-poisoning check still runs')
})
