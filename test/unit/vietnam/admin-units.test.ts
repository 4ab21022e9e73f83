import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  currentWardCandidates, currentWardCode, isCurrentWard, loadAdminUnits, oldUnitName, useAdminUnits, validateAdminUnits
} from '../../../schemas/vietnam/admin-units.js'

const table = loadAdminUnits()

t.test('bundled file header', async t => {
  t.equal(table.effectiveFrom, '2025-07-01')
  t.equal(table.provinceCode, '92')
  t.type(table.version, 'string')
  t.match(table.source, /1668\/NQ-UBTVQH15/)
  t.equal(loadAdminUnits(), table, 'memoised')
})

t.test('all 103 units of Resolution 1668/NQ-UBTVQH15, official codes only where known', async t => {
  t.equal(table.units.length, 103)
  t.equal(table.units.filter(u => u.kind === 'phuong').length, 31, '31 wards')
  t.equal(table.units.filter(u => u.kind === 'xa').length, 72, '72 communes')
  const official = table.units.filter(u => u.codeStatus === 'official')
  t.same(official.map(u => u.code).sort(), ['31120', '31135', '31147', '31150', '31153', '31186', '31213', '31299',
    '31321', '31340', '31507', '31684', '31783'], 'only the 13 codes the reference gives')
  t.ok(table.units.filter(u => u.codeStatus === 'provisional').every(u => /^99\d{3}$/.test(u.code)),
    'the others carry provisional 99xxx codes')
  const names = new Set(table.units.map(u => u.name))
  for (const n of ['Thới An Đông', 'Long Phú 1', 'Vị Thanh 1', 'Cù Lao Dung', 'Lịch Hội Thượng', 'Trường Long',
    'Vĩnh Hải', 'Tân Lộc']) t.ok(names.has(n), n)
  t.equal(names.size, 103, 'no name twice')
  t.same([...new Set(table.units.map(u => u.formerProvince))].sort(), ['92', '93', '94'])
  t.equal(table.units.filter(u => u.formerProvince === '92').length, 32, 'old Cần Thơ\'s 80 units became 32')
})

t.test('a city replaces the table with the official one, without a code change', async t => {
  const dir = t.testdir()
  const file = join(dir, 'official.csv')
  writeFileSync(file, [
    '# version: 2025.07-official.1', '# effectiveFrom: 2025-07-01', '# provinceCode: 92', '# source: national registry',
    'code,codeStatus,kind,name,formerProvince,formedFrom',
    '31135,official,phuong,Ninh Kiều,92,31123 31135 31144',
    '31168,official,phuong,Bình Thủy,92,31168 31171 part:31178'
  ].join('\n'))
  const official = loadAdminUnits(file)
  t.equal(official.version, '2025.07-official.1')
  t.match(currentWardCode('31171', official), { code: '31168', name: 'Bình Thủy', mapped: true, partial: false })
  t.match(currentWardCode('31178', official), { code: '31168', partial: true })
  t.equal(currentWardCode('99006', official), undefined, 'a provisional code is gone once the official table is in use')
  useAdminUnits(official)
  t.teardown(() => { useAdminUnits(table) })
  t.equal(loadAdminUnits(), official, 'the table set at boot is the one in use')
  t.throws(() => loadAdminUnits(join(dir, 'missing.csv')), /ENOENT/)
  const bad = join(dir, 'bad.csv')
  writeFileSync(bad, '# version: x\n# effectiveFrom: 2025-07-01\n# provinceCode: 92\n# source: s\n' +
    'code,codeStatus,kind,name,formerProvince,formedFrom\n12345,provisional,xa,A,92,\n')
  t.throws(() => loadAdminUnits(bad), /provisional code must be 99xxx/)
})

t.test('every row of the reference table', async t => {
  const rows: Array<[string, string, string[], string[]]> = [
    ['31135', 'Ninh Kiều', ['31123', '31135', '31144'], []],
    ['31120', 'Cái Khế', ['31117', '31120'], ['31178']],
    ['31147', 'Tân An', ['31147', '31149'], []],
    ['31150', 'An Bình', ['31150', '31312'], ['31183']],
    ['31186', 'Cái Răng', ['31186', '31192', '31195', '31198'], []],
    ['31153', 'Ô Môn', ['31153', '31154', '31159', '31267'], []],
    ['31213', 'Tân Lộc', ['31213'], []],
    ['31299', 'Phong Điền', ['31299', '31303', '31306'], []],
    ['31321', 'Vị Thanh', ['31318', '31321', '31330'], []],
    ['31340', 'Ngã Bảy', ['31340', '31341', '31343'], []],
    ['31507', 'Sóc Trăng', ['31498', '31501', '31504', '31507'], []],
    ['31684', 'Mỹ Xuyên', ['31525', '31684', '31690'], []],
    ['31783', 'Vĩnh Châu', ['31783', '31798', '31801'], []]
  ]
  for (const [code, name, whole, parts] of rows) {
    for (const old of whole) {
      t.match(currentWardCode(old, table), { code, name, mapped: old !== code, partial: false }, `${old} -> ${code}`)
    }
    for (const old of parts) {
      t.match(currentWardCode(old, table), { code, name, mapped: true, partial: true }, `part of ${old} -> ${code}`)
    }
  }
  t.equal(table.mappings.length, rows.reduce((n, r) => n + r[2].length + r[3].length, 0),
    'nothing beyond the reference')
})

t.test('old codes the reference does not map stay unknown', async t => {
  for (const old of ['31156', '31168', '31171', '31189', '31207', '31228', '31232', '31237', '31261', '31273', '31258',
    '31288', '31300']) {
    t.equal(currentWardCode(old, table), undefined, old)
    t.type(oldUnitName(old, table), 'string', `${old} keeps its old name`)
  }
  t.equal(currentWardCode('99999', table), undefined)
  t.equal(currentWardCode('', table), undefined)
  t.equal(oldUnitName('31178', table), 'Bùi Hữu Nghĩa')
  t.equal(oldUnitName('31120', table), 'An Hòa', 'the old owner of a reused code')
})

t.test('current code looked up, with spaces', async t => {
  t.same(currentWardCode(' 31213 ', table), { code: '31213', name: 'Tân Lộc', kind: 'phuong', codeStatus: 'official',
    formerProvince: '92', mapped: false, partial: false })
  t.equal(isCurrentWard('31135', table), true)
  t.equal(isCurrentWard('31123', table), false, 'absorbed code')
  t.equal(isCurrentWard('31300', table), false)
  t.equal(isCurrentWard(' 31135', table), true)
})

const base = () => ({
  version: 't1',
  effectiveFrom: '2025-07-01',
  provinceCode: '92',
  source: 'test',
  units: [{ code: '10001', name: 'A', kind: 'phuong' }, { code: '10002', name: 'B', kind: 'xa' }],
  mappings: [{ oldCode: '10001', newCode: '10001', partial: false },
    { oldCode: '20000', newCode: '10001', partial: false }]
})

t.test('a split unit may go to several new units', async t => {
  const d = base()
  d.mappings.push({ oldCode: '30000', newCode: '10001', partial: true },
    { oldCode: '30000', newCode: '10002', partial: true })
  const tbl = validateAdminUnits(d)
  t.same(currentWardCandidates('30000', tbl).map(c => c.code), ['10001', '10002'])
  t.match(currentWardCode('30000', tbl), { code: '10001', partial: true })
  t.same(currentWardCandidates('40000', tbl), [])
  t.same(tbl.oldUnits, [], 'oldUnits optional')
})

t.test('validation throws naming the bad entry', async t => {
  const bad = (mutate: (d: ReturnType<typeof base> & Record<string, unknown>) => void, re: RegExp, what: string) => {
    const d = base() as ReturnType<typeof base> & Record<string, unknown>
    mutate(d)
    t.throws(() => validateAdminUnits(d), re, what)
  }
  t.throws(() => validateAdminUnits([]), /not an object/)
  bad(d => { delete (d as Record<string, unknown>).version }, /header: "version"/, 'no version')
  bad(d => { d.effectiveFrom = '01/07/2025' }, /effectiveFrom/, 'date format')
  bad(d => { d.provinceCode = '092' }, /provinceCode/, 'province')
  bad(d => { d.units = [] }, /"units" is empty/, 'empty units')
  bad(d => { d.units[1] = { code: '1002', name: 'B', kind: 'xa' } }, /units\[1\]: "code" 1002 is not a 5-digit code/,
    'short code')
  bad(d => { d.units[1] = { code: '10002', name: 'B', kind: 'quan' } }, /units\[1\] \(10002\): kind/, 'kind')
  bad(d => { d.units[1] = { code: '10001', name: 'B', kind: 'xa' } }, /units\[1\]: duplicate unit code 10001/,
    'duplicate unit')
  bad(d => { d.units[1] = { code: '10002', name: '', kind: 'xa' } }, /units\[1\] \(10002\): "name"/, 'empty name')
  bad(d => { d.mappings[1] = { oldCode: '20000', newCode: '10003', partial: false } },
    /mappings\[1\] \(oldCode 20000\): newCode 10003 is not a unit/, 'dangling target')
  bad(d => { d.mappings[1] = { oldCode: '10002', newCode: '10001', partial: false } },
    /mappings\[1\]: oldCode 10002 is also a current unit code/, 'reused code elsewhere')
  bad(d => { d.mappings.push({ oldCode: '20000', newCode: '10002', partial: true }) },
    /mappings\[2\]: oldCode 20000 is mapped more than once/, 'whole + partial')
  bad(d => { d.mappings.push({ oldCode: '20000', newCode: '10001', partial: false }) }, /mappings\[2\]/, 'duplicate')
  bad(d => { (d.mappings as unknown[])[0] = { oldCode: '10001', newCode: '10001' } },
    /mappings\[0\] \(oldCode 10001\): "partial"/, 'partial missing')
  bad(d => { d.oldUnits = [{ code: 'x' }] }, /oldUnits\[0\]/, 'old unit')
  bad(d => { d.mappings = 'no' as unknown as [] }, /"mappings" must be a list/, 'mappings type')
})

t.test('loadAdminUnits(path) reads another version of the file', async t => {
  const dir = t.testdir()
  const file = join(dir, 'units.json')
  writeFileSync(file, JSON.stringify(base()))
  const tbl = loadAdminUnits(file)
  t.equal(tbl.version, 't1')
  t.match(currentWardCode('20000', tbl), { code: '10001', mapped: true })
  const broken = join(dir, 'broken.json')
  writeFileSync(broken, JSON.stringify({ ...base(), units: [{ code: 'x', name: 'y', kind: 'xa' }] }))
  t.throws(() => loadAdminUnits(broken), /units\[0\]/)
})
