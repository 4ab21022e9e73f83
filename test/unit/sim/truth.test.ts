import t, { type Test } from 'tap'
import { ALL_STREAMS } from '../../../sim/city/departments.js'
import type { TruthConflict, TruthEntry, TruthInvalid, TruthVariant } from '../../../sim/city/truth.js'
import { smallCity } from './city-fixture.js'
import { compareWithTruth, indexTruth, VALIDATORS, type Written } from './read-back.js'

const keyOf = (stream: string, r: Record<string, unknown>): string => {
  const spec = ALL_STREAMS.find(s => `${s.department}.${s.name}` === stream)
  return String(r[spec?.keyField as string])
}

function checkAgainstTruth (t: Test, written: Written, truth: TruthEntry[]): void {
  const ix = indexTruth(truth)
  let checked = 0
  for (const [stream, records] of Object.entries(written)) {
    for (const r of records) {
      const key = keyOf(stream, r)
      const listed = ix.invalid.has(`${stream}:${key}`)
      const valid = VALIDATORS[stream](r)
      if (listed === valid) t.fail(`${stream} ${key}: listed invalid ${listed}, validator says valid ${valid}`)
      if (!valid) continue
      const problems = compareWithTruth(stream, r, ix)
      if (problems.length > 0) t.fail(problems.join('; '))
      checked++
    }
  }
  t.ok(checked > 0, `${checked} valid records match the truth`)
  // Every truth entity was written by its source, once.
  const count = (type: string): number => truth.filter(e => e.type === type).length
  t.equal(written['civil-status.cong-dan'].length, count('person'))
  t.equal(written['residence.residents'].length, count('person'))
  t.equal(written['civil-status.ket-hon'].length, count('marriage'))
  t.equal(written['land.thua-dat'].length, count('parcel'))
  t.equal(written['bhyt.the'].length, count('card'))
  t.equal(written['business.ho-kinh-doanh']?.length ?? 0, count('business'))
}

t.test('every valid record of every department agrees with the ground truth (default rates)', async t => {
  const { written, truth } = smallCity({ citizens: 300, seed: 47 })
  checkAgainstTruth(t, written, truth)
})

t.test('with high rates, the invalid records are exactly the listed ones and the rest still agree', async t => {
  const { written, truth } =
    smallCity({ citizens: 1500, seed: 8, rates: { conflict: 0.2, invalid: 0.05, legacyId: 0.5, oldWard: 0.5 } })
  checkAgainstTruth(t, written, truth)
  const records = Object.values(written).reduce((n, list) => n + list.length, 0)
  const invalid = truth.filter((e): e is TruthInvalid => e.type === 'invalid')
  t.ok(invalid.length > records * 0.03 && invalid.length < records * 0.07,
    `invalid ${invalid.length} of ${records} records is about 5%`)
  t.same(new Set(invalid.map(e => e.reason)), new Set(['id-11-digits', 'impossible-date', 'missing-required']),
    'all three kinds of invalid record occur')
  const conflicted = new Set(truth.filter((e): e is TruthConflict => e.type === 'conflict').map(e => e.entityKey))
  t.ok(conflicted.size > 1500 * 0.14 && conflicted.size < 1500 * 0.26,
    `${conflicted.size} of 1500 persons have a conflict, about 20%`)
  const conflicts = truth.filter((e): e is TruthConflict => e.type === 'conflict')
  t.same(new Set(conflicts.map(c => c.field)), new Set(['fullName', 'birthDate', 'sex', 'wardCode']))
  for (const c of conflicts) {
    t.equal(c.winner, c.field === 'wardCode' ? 'residence' : 'civil-status',
      `${c.field} is won by its authoritative source`)
    t.not(c.values[c.winner], c.values[c.department], 'the values really differ')
  }
  const variants = truth.filter((e): e is TruthVariant => e.type === 'variant')
  const legacy = variants.filter(v => v.kind === 'legacy-id')
  t.ok(legacy.length > 0 && legacy.every(v => /^\d{9}$/.test(v.written)),
    'legacy-only records carry 9-digit CMND numbers')
  t.ok(variants.some(v => v.kind === 'old-ward' && v.department === 'business'),
    'business records carry pre-2025 ward codes')
})
