// The simulated issue-19 departments: same city as sim/city, deterministic by seed, each record either
// listed invalid or readable back into a record its canonical schema accepts, and every difference from
// the ground truth explained by an injected variant or disagreement.
import t from 'tap'
import { nameMatchKey } from '../../../../schemas/vietnam/index.js'
import { createSchemaValidator, describeErrors, type CanonicalSchemaName } from '../../../../schemas/validator.js'
import { sourceStream, type SourceDepartmentId } from '../../../../sim/sources/departments.js'
import { CITY_WIDE_RENDERERS, RENDERERS } from '../../../../sim/sources/generate.js'
import type { SourceTruthEntry } from '../../../../sim/sources/truth.js'
import { smallCity } from '../city-fixture.js'
import { sourceCity } from './fixture.js'
import { leaves, readBack } from './read-back.js'

const schemas = createSchemaValidator()
const departments = [...RENDERERS, ...CITY_WIDE_RENDERERS].map(([d]) => d)

// A difference between what was read and the truth is explained when the truth says this record
// writes that value instead of the canonical one (variant) or disagrees with the winner (conflict).
function explained (department: SourceDepartmentId, key: string, path: string, read: unknown, expected: unknown,
  truth: SourceTruthEntry[]): boolean {
  if (path === 'fullName' && typeof read === 'string' && typeof expected === 'string') {
    return nameMatchKey(read) === nameMatchKey(expected)
  }
  return truth.some(e => {
    if (e.department !== department || e.key !== key) return false
    if (e.type === 'source-variant') return e.written === read && e.canonical === expected
    if (e.type !== 'source-conflict') return false
    // A death unreported to social affairs: the status and what an ended allowance carries.
    if (e.field === 'status') return ['status', 'allowanceTo', 'endReason'].includes(path)
    return e.values[department] === read && e.values[e.winner] === expected
  })
}

t.test('every record is listed invalid or reads back to its truth record, differences explained', async t => {
  const options = { citizens: 2500, seed: 19 }
  const { written, truth } =
    sourceCity({ ...options, sourceRates: { invalid: 0.05, conflict: 0.1, legacyId: 0.3, oldWard: 0.4 } })
  const byCmnd = new Map(smallCity(options).truth.flatMap(e => e.type === 'person' && e.legacyId !== undefined
    ? [[e.legacyId, e.personalId]] : []))
  const resolve = (id: unknown): unknown => typeof id === 'string' && id.length === 9 ? byCmnd.get(id) ?? id : id
  for (const department of departments) {
    const spec = sourceStream(department)
    const records = written.get(department) ?? []
    t.ok(records.length > 5, `${department} wrote ${records.length} records`)
    const canonical =
      new Map(truth.flatMap(e => e.type === 'source-record' && e.department === department ? [[e.key, e.record]] : []))
    const invalid =
      new Set(truth.flatMap(e => e.type === 'source-invalid' && e.department === department ? [e.key] : []))
    const validate = schemas.validator(spec.entity as CanonicalSchemaName)
    let matched = 0
    let explainedDifferences = 0
    for (const r of records) {
      const key = String(r[spec.keyField])
      let read: Record<string, unknown> | undefined
      try { read = readBack(department, r, resolve) } catch { read = undefined }
      const valid = read !== undefined && validate(read)
      if (invalid.has(key)) {
        t.notOk(valid, `${department} ${key}: listed invalid and rejected`)
        continue
      }
      if (!valid) {
        t.fail(`${department} ${key} does not read back`, { errors: describeErrors(validate.errors), read })
        continue
      }
      const expected = canonical.get(key)
      if (expected === undefined) { t.fail(`${department} ${key} has no truth record`); continue }
      const got = leaves(read)
      const want = leaves(expected)
      for (const path of new Set([...got.keys(), ...want.keys()])) {
        if (got.get(path) === want.get(path)) continue
        if (!explained(department, key, path, got.get(path), want.get(path), truth)) {
          t.fail(
            `${department} ${key} ${path}: read ${String(got.get(path))}, truth ${String(want.get(path))}, unexplained`)
        } else explainedDifferences++
      }
      matched++
    }
    t.equal(matched + invalid.size, records.length,
      `${department}: ${matched} matched, ${invalid.size} invalid, nothing else`)
    t.ok(invalid.size > 0, `${department} has injected invalid records`)
    t.ok(explainedDifferences > 0, `${department}: ${explainedDifferences} differences from the truth, each explained`)
  }
})

t.test('every truth record is valid against its canonical schema', async t => {
  const { truth } = sourceCity({ citizens: 1500, seed: 3 })
  const records = truth.filter(e => e.type === 'source-record')
  t.ok(records.length > 100)
  for (const e of records) {
    if (e.type !== 'source-record') continue
    const validate = schemas.validator(e.entity as CanonicalSchemaName)
    if (!validate(e.record)) t.fail(`${e.department} ${e.key}`, { errors: describeErrors(validate.errors) })
  }
})

t.test('the departments describe the same people as the city generator', async t => {
  const options = { citizens: 1200, seed: 23 }
  const city = smallCity(options)
  const persons = new Map(city.truth.flatMap(e => e.type === 'person' ? [[e.personalId, e]] : []))
  const { truth } = sourceCity(options)
  const people = truth.flatMap(e => e.type !== 'source-record'
    ? []
    : [e.record.studentPersonalId, e.record.personalId,
      e.record.holderPersonalId].filter((x): x is string => typeof x === 'string'))
  t.ok(people.length > 100)
  t.ok(people.every(id => persons.has(id)), 'every person named is a citizen of the city')
  for (const e of truth) {
    if (e.type !== 'source-record' || e.department !== 'gplx') continue
    t.equal(e.record.birthDate, persons.get(e.record.holderPersonalId as string)?.birthDate,
      'same birth date as civil status')
  }
})

t.test('deterministic by seed, and a change of rates leaves the people alone', async t => {
  const a = sourceCity({ citizens: 600, seed: 5 })
  const b = sourceCity({ citizens: 600, seed: 5 })
  t.same([...a.written.entries()], [...b.written.entries()], 'same seed, same records')
  t.same(a.truth, b.truth, 'same seed, same truth')
  const c = sourceCity({ citizens: 600, seed: 6 })
  t.not(JSON.stringify([...c.written.entries()]), JSON.stringify([...a.written.entries()]),
    'another seed, another city')
  // Rates only decide the mess: who has a record, under which key, stays the same.
  const messy =
    sourceCity({ citizens: 600, seed: 5, sourceRates: { invalid: 0.2, conflict: 0.3, legacyId: 0.6, oldWard: 0.6 } })
  for (const department of departments) {
    const keyField = sourceStream(department).keyField
    const keys = (x: typeof a): string[] => (x.written.get(department) ?? []).map(r => String(r[keyField]))
    t.ok(keys(a).length > 0, `${department} has records`)
    t.same(keys(messy), keys(a), `${department}: same records under other rates`)
  }
  t.ok(messy.truth.filter(e => e.type === 'source-invalid').length >
    a.truth.filter(e => e.type === 'source-invalid').length, 'more invalid records')
})

t.test('keys are unique within each department, in a city of some size', async t => {
  const { written } = sourceCity({ citizens: 30000, seed: 77 })
  for (const department of departments) {
    const keyField = sourceStream(department).keyField
    const keys = (written.get(department) ?? []).map(r => String(r[keyField]))
    t.equal(new Set(keys).size, keys.length, `${department}: ${keys.length} records, as many keys`)
  }
})
