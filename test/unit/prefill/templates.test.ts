import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadProcedureTemplates } from '../../../gateway/prefill/procedure-template.js'

t.test('the shipped templates load and cover the required procedures', async t => {
  const templates = loadProcedureTemplates()
  t.same([...templates.keys()].sort(),
    ['1.000894', '1.001193', '1.001612', '1.004194', '1.004222', '1.013978', '2.000986'])
  for (const tpl of templates.values()) {
    t.ok(tpl.fields.some(f => f.path !== undefined), `${tpl.code} fills something`)
    t.ok(tpl.fields.some(f => f.ask !== undefined), `${tpl.code} says what the clerk must still ask`)
  }
  t.same(templates.get('1.000894')?.subjects.map(s => s.role), ['bride', 'groom'], 'marriage has both spouses')
})

t.test('a template that points at a field the canonical schemas lack stops the load', async t => {
  const base = { code: '9.999999', title: 't', titleEn: 't',
    subjects: [{ role: 'a', description: 'x', required: true }], maxAgeDays: 10 }
  const cases: Array<[unknown, RegExp]> = [
    [{ ...base, fields: [{ id: 'x', label: 'x', subject: 'a', path: 'person.shoeSize' }] },
      /person has no field 'shoeSize'/],
    [{ ...base, fields: [{ id: 'x', label: 'x', subject: 'b', path: 'person.fullName' }] },
      /subject 'b' is not one of/],
    [{ ...base, fields: [{ id: 'x', label: 'x' }] }, /exactly one of path and ask/],
    [{ ...base, fields: [{ id: 'x', label: 'x', subject: 'a', path: 'person.fullName', ask: 'why' }] },
      /exactly one of path and ask/],
    [{ ...base, fields: [{ id: 'x', label: 'x', subject: 'a', path: 'passport.number' }] }, /must match pattern/]
  ]
  for (const [template, message] of cases) {
    const dir = t.testdir({})
    writeFileSync(join(dir, '9.999999.json'), JSON.stringify(template))
    t.throws(() => loadProcedureTemplates(dir), message)
  }
  const dir = t.testdir({})
  writeFileSync(join(dir, '1.000001.json'), JSON.stringify({ ...base, fields: [{ id: 'x', label: 'x', ask: 'y' }] }))
  t.throws(() => loadProcedureTemplates(dir), /does not match the file name/)
})
