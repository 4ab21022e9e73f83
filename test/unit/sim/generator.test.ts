import t from 'tap'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkPersonalIdAgainst, currentWardCode, loadAdminUnits } from '../../../schemas/vietnam/index.js'
import { writeCityFiles } from '../../../sim/city/write-files.js'
import { RELATION_CODES, type TruthHousehold, type TruthPerson } from '../../../sim/city/truth.js'
import { resolveCityOptions } from '../../../sim/city/options.js'
import { smallCity } from './city-fixture.js'
import { regionOfUnit } from '../../../sim/city/places.js'

const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-sim-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
const filesOf = (dir: string): Record<string, Buffer> =>
  Object.fromEntries(readdirSync(dir).sort().map(f => [f, readFileSync(join(dir, f))]))

t.test('the same seed writes byte-identical files; another seed writes different ones', async t => {
  const [a, b, c] = [tmp(), tmp(), tmp()]
  writeCityFiles({ citizens: 300, seed: 11 }, a)
  writeCityFiles({ citizens: 300, seed: 11 }, b)
  writeCityFiles({ citizens: 300, seed: 12 }, c)
  const fa = filesOf(a)
  const fb = filesOf(b)
  const fc = filesOf(c)
  t.same(Object.keys(fa), ['bhyt.the.ndjson', 'business.ho-kinh-doanh.ndjson', 'chinh-sach.doi-tuong.ndjson',
    'civil-status.cong-dan.ndjson', 'civil-status.ket-hon.ndjson', 'cong-chung.hop-dong.ndjson',
    'giao-duc.hoc-sinh.ndjson', 'gplx.giay-phep.ndjson', 'ha-tang.tai-san.ndjson', 'land.thua-dat.ndjson',
    'manifest.json', 'noi-vu.can-bo.ndjson', 'residence.residents.ndjson', 'truth.ndjson', 'viec-lam.tro-cap.ndjson',
    'xay-dung.giay-phep.ndjson'])
  for (const f of Object.keys(fa)) {
    t.ok(fa[f].equals(fb[f]), `${f} is identical for the same seed`)
    if (f !== 'manifest.json') t.notOk(fa[f].equals(fc[f]), `${f} differs for another seed`)
  }
})

t.test('makes exactly the citizens asked for, each with a valid, ' +
  'unique id consistent with birth date and sex', async t => {
  const { truth, summary } = smallCity({ citizens: 537, seed: 3 })
  const persons = truth.filter((e): e is TruthPerson => e.type === 'person')
  t.equal(persons.length, 537)
  t.equal(summary.records['civil-status.cong-dan'], 537)
  t.equal(new Set(persons.map(p => p.personalId)).size, 537, 'personal ids are unique')
  const legacy = persons.flatMap(p => p.legacyId === undefined ? [] : [p.legacyId])
  t.equal(new Set(legacy).size, legacy.length, 'CMND numbers are unique')
  t.ok(legacy.every(id => /^\d{9}$/.test(id)))
  for (const p of persons) {
    const warnings = checkPersonalIdAgainst(p.personalId, { birthDate: p.birthDate, sex: p.sex })
    if (warnings.length > 0) t.fail(`${p.personalId}: ${warnings.map(w => w.code).join(', ')}`)
  }
  const prefixes = new Set(persons.map(p => p.personalId.slice(0, 3)))
  for (const p of ['092', '093', '094']) t.ok(prefixes.has(p), `prefix ${p} occurs`)
})

t.test('households have one head, known relation codes, and members that point inside the household', async t => {
  const { truth } = smallCity({ citizens: 800, seed: 5 })
  const persons = new Map(truth.filter((e): e is TruthPerson => e.type === 'person').map(p => [p.personalId, p]))
  const households = truth.filter((e): e is TruthHousehold => e.type === 'household')
  const table = loadAdminUnits()
  let withGrandchildren = 0
  for (const h of households) {
    t.equal(h.members.filter(m => m.relationToHead === '01').length, 1, `${h.householdId} has one head`)
    t.equal(h.members[0].personalId, h.headId)
    t.equal(currentWardCode(h.address.oldWardCode, table)?.code, h.address.wardCode,
      'the old ward maps to the current one')
    for (const m of h.members) {
      t.ok(m.relationToHead in RELATION_CODES)
      const p = persons.get(m.personalId) as TruthPerson
      t.equal(p.householdId, h.householdId)
      for (const other of [p.fatherId, p.motherId, p.spouseId]) if (other !== undefined) {
        t.ok(persons.has(other), 'relatives exist')
      }
      if (p.motherId !== undefined) {
        t.ok((persons.get(p.motherId) as TruthPerson).birthDate < p.birthDate, 'mothers are older than their children')
      }
    }
    if (h.members.some(m => m.relationToHead === '05')) withGrandchildren++
  }
  t.ok(withGrandchildren > 0, 'some households hold grandchildren')
  t.ok(households.length > 150 && households.length < 400, `household count ${households.length} fits 800 citizens`)
})

t.test('ethnicity follows the region: Khmer mostly in Sóc Trăng', async t => {
  const { truth } = smallCity({ citizens: 6000, seed: 9 })
  const persons = truth.filter((e): e is TruthPerson => e.type === 'person')
  const share = (region: (w: string) => boolean, code: string): number => {
    const inRegion = persons.filter(p => region(p.permanentAddress.wardCode))
    return inRegion.filter(p => p.ethnicityCode === code).length / inRegion.length
  }
  const soctrang = (w: string): boolean => regionOfUnit(w) === 'soctrang'
  const cantho = (w: string): boolean => regionOfUnit(w) === 'cantho'
  t.ok(share(soctrang, '05') > 0.2 && share(soctrang, '05') < 0.4, `Khmer share in Sóc Trăng ${share(soctrang, '05')}`)
  t.ok(share(cantho, '05') < 0.05, `Khmer share in old Cần Thơ ${share(cantho, '05')}`)
  t.ok(share(cantho, '01') > 0.93, `Kinh share in old Cần Thơ ${share(cantho, '01')}`)
})

t.test('rates of zero inject nothing; changing rates leaves the population unchanged', async t => {
  const clean = smallCity({ citizens: 400, seed: 21, rates: { conflict: 0, invalid: 0, legacyId: 0, oldWard: 0 } })
  t.notOk(clean.truth.some(e => e.type === 'invalid' || e.type === 'conflict' || e.type === 'variant'))
  const messy = smallCity({ citizens: 400, seed: 21, rates: { conflict: 0.5, invalid: 0.2 } })
  const people = (x: typeof clean): string => JSON.stringify(x.truth.filter(e => e.type === 'person'))
  t.equal(people(messy), people(clean))
})

t.test('bad options fail with the option named', async t => {
  t.throws(() => resolveCityOptions({ citizens: 0, seed: 1 }), { code: 'LT_ERR_SIM_OPTION', option: 'citizens' })
  t.throws(() => resolveCityOptions({ citizens: 10, seed: -1 }), { option: 'seed' })
  t.throws(() => resolveCityOptions({ citizens: 10, seed: 1, rates: { invalid: 2 } }), { option: 'rates.invalid' })
  t.throws(() => resolveCityOptions({ citizens: 10, seed: 1, asOf: '2020-01-01T00:00:00Z' }), { option: 'asOf' })
})

t.test('the population spreads over all 103 wards and communes of the 2025 table', async t => {
  const { truth } = smallCity({ citizens: 6000, seed: 9 })
  const wards = new Set(truth.filter((e): e is TruthPerson => e.type === 'person')
    .map(p => p.permanentAddress.wardCode))
  const units = loadAdminUnits().units
  t.equal(units.length, 103)
  t.same(units.filter(u => !wards.has(u.code)).map(u => u.name), [], 'every unit has residents')
})
