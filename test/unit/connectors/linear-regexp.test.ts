// Issue 11 item 8: integrators' schema patterns run in linear time. The engine agrees with V8 on
// ordinary patterns, refuses what needs backtracking, and answers ^(a+)+$ on 28 'a's and '!' (3 s
// in V8) at once; a schema compiled for a registered connector uses it.
import t from 'tap'
import fc from 'fast-check'
import { linearRegExp } from '../../../connectors/declarative/linear-regexp.js'
import { compileRawSchema } from '../../../connectors/declarative/raw-schema-ajv.js'

const patterns = ['^\\d{12}$', '^[A-Z]{2}-\\d+$', '^(BTXH|HN)-\\d{4}$', 'abc', '^$', '^a*$', '^(a|b)*c$', 'x?y+',
  '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
  '^\\p{Lu}\\p{Ll}*( \\p{Lu}\\p{Ll}*)*$', '^(?:0|\\+84)\\d{9,10}$', '^.{0,3}$', '^(a{2,3}){2}$', '[]', '^[^]$',
  'ab|cd|', '^(a*)*$', '^\\u{1F600}+$']
const inputs = ['', 'a', 'aa', 'aaaaa', 'ab', 'abc', 'xabcx', 'c', 'abac', '092090000001', 'BTXH-0001', 'HN-12',
  'AB-77', 'ab-77', 'xyyy', 'y',
  'mai.tran@example.com', 'a b@c.vn', 'Nguyễn Thị Lan', 'nguyễn', '+84912345678', '0912345678', 'cd', '😀😀', '😀x', '\n',
  'aaaaaa']

t.test('agrees with V8 on ordinary patterns', async t => {
  for (const p of patterns) {
    const native = new RegExp(p, 'u')
    const linear = linearRegExp(p)
    for (const s of inputs) t.equal(linear.test(s), native.test(s), `/${p}/u on ${JSON.stringify(s)}`)
  }
  // Random strings over a small alphabet, against a few patterns with repetition and alternation.
  const small = ['^(a|b)*c$', '^(ab|a)(bc|c)?$', 'a{2,}b?', '^[ab]{1,3}(c|)$', '(a|ab)(c|bcd)(d*)']
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 }), s =>
    small.every(p => linearRegExp(p).test(s) === new RegExp(p, 'u').test(s))), { numRuns: 300 })
})

t.test('refuses what needs backtracking, and what is not a pattern', async t => {
  for (const p of ['^(a)\\1$', '(?<x>a)\\k<x>', 'a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b', '\\bword\\b', '(', 'a{2000}',
    'x'.repeat(1001)]) {
    t.throws(() => linearRegExp(p), { name: 'UnsupportedPatternError' }, p.slice(0, 20))
  }
})

t.test('^(a+)+$ on 28 a\'s and ! answers at once; a registered schema uses the engine', async t => {
  const evil = 'a'.repeat(28) + '!'
  const pattern = linearRegExp('^(a+)+$')
  // Compiling the schema (Ajv) is outside the timing: only the matching is what backtracking would slow,
  // and a loaded CI machine stretches a compile that says nothing about it.
  const validate = compileRawSchema({ type: 'object', properties: { id: { type: 'string', pattern: '^(a+)+$' } } })
  const started = performance.now()
  t.equal(pattern.test(evil), false)
  t.equal(validate({ id: evil }), false)
  t.equal(validate({ id: 'a'.repeat(100_000) + '!' }), false, 'a long input too')
  t.equal(validate({ id: 'aaaa' }), true)
  t.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms (V8 alone: seconds)`)
  t.throws(() => compileRawSchema({ type: 'string', pattern: '^(a)\\1$' }), /refused: a back-reference/,
    'compile-time refusal')
})
