// The read path remembers what it can compute once (projection plans per field list, opaque refs
// per event): what it remembers must never leak between field lists nor change a projection.
import t from 'tap'
import { projectFields } from '../../../gateway/security/projection.js'
import { opaqueRefs } from '../../../gateway/security/opaque-refs.js'

t.test('a projection is a deep copy, planned per field list', async t => {
  const source = { a: { x: 1, y: [{ z: 2 }] }, b: 'B', c: null, d: { e: 'E', f: 'F' } }
  const whole = projectFields(source, ['d', 'a', 'b', 'c'])
  t.strictSame(whole,
    { data: { a: { x: 1, y: [{ z: 2 }] }, b: 'B', d: { e: 'E', f: 'F' } }, returned: ['a', 'b', 'd'] })
  ;(whole.data.a as { y: Array<{ z: number }> }).y[0].z = 99
  t.equal(source.a.y[0].z, 2, 'changing the projection leaves the source alone')
  // Another list, then the first again: each answer is its own list's.
  t.strictSame(projectFields(source, ['d.e', 'a.x']),
    { data: { a: { x: 1 }, d: { e: 'E' } }, returned: ['a.x', 'd.e'] })
  t.strictSame(projectFields(source, ['d', 'd.e']).returned, ['d'],
    'a member of a field granted whole is not listed twice')
  t.strictSame(projectFields(source, ['d', 'a', 'b', 'c']).returned, ['a', 'b', 'd'])
})

t.test('a __proto__ member stays a member of the copy', async t => {
  const source = JSON.parse('{"a":{"__proto__":{"polluted":true},"k":1}}') as Record<string, unknown>
  const { data } = projectFields(source, ['a'])
  const a = data.a as Record<string, unknown>
  t.equal(Object.getPrototypeOf(a), Object.prototype)
  t.strictSame(Object.keys(a), ['__proto__', 'k'])
  t.equal((a as { polluted?: boolean }).polluted, undefined)
})

t.test('remembered refs are the refs', async t => {
  const refs = opaqueRefs(Buffer.alloc(32, 1))
  const first = refs.eventRef('ho-tich:123:2026-01-01')
  t.equal(refs.eventRef('ho-tich:123:2026-01-01'), first)
  t.not(refs.eventRef('ho-tich:124:2026-01-01'), first)
  t.not(opaqueRefs(Buffer.alloc(32, 2)).eventRef('ho-tich:123:2026-01-01'), first, 'per hub secret')
  t.equal(refs.recordRef('person', '123'), refs.recordRef('person', '123'))
  t.not(refs.recordRef('person', '123'), refs.eventRef('123'))
})
