import t from 'tap'
import { checkPersonalIdAgainst, parsePersonalId } from '../../../schemas/vietnam/personal-id.js'
import { loadProvinces, provinceName, validateProvinces } from '../../../schemas/vietnam/provinces.js'

// Synthetic numbers only.
t.test('parses the layout', async t => {
  t.same(parsePersonalId('092085012345'), {
    ok: true,
    value: '092085012345',
    provinceCode: '092',
    centuryDigit: 0,
    sex: 'male',
    birthYearTwoDigits: '85',
    century: 1900,
    birthYear: 1985
  })
  t.match(parsePersonalId('094305000001'), { ok: true, provinceCode: '094', centuryDigit: 3, sex: 'female',
    century: 2000, birthYear: 2005, birthYearTwoDigits: '05' })
})

t.test('every century digit', async t => {
  const expected: Array<[string, number, string]> = [
    ['0', 1900, 'male'], ['1', 1900, 'female'], ['2', 2000, 'male'], ['3', 2000, 'female'],
    ['4', 2100, 'male'], ['5', 2100, 'female'], ['6', 2200, 'male'], ['7', 2200, 'female'],
    ['8', 2300, 'male'], ['9', 2300, 'female']
  ]
  for (const [g, century, sex] of expected) {
    t.match(parsePersonalId(`093${g}00123456`), { ok: true, century, sex, birthYear: century }, `G=${g}`)
  }
})

t.test('spaces are ignored, anything else rejects', async t => {
  t.match(parsePersonalId(' 092 0 85 012345 '), { ok: true, value: '092085012345' })
  t.match(parsePersonalId('092085012345\n'), { ok: true, value: '092085012345' })
  for (const s of ['', '09208501234', '0920850123456', '092-085-012345', '09208501234O', '092.085.012345',
    '０９２０８５０１２３４５']) {
    t.match(parsePersonalId(s), { ok: false, code: 'LT_ERR_ID_FORMAT' }, JSON.stringify(s))
  }
  t.match(parsePersonalId(92085012345 as unknown as string), { ok: false, code: 'LT_ERR_ID_FORMAT' },
    'numbers lose leading zeros, so only strings')
})

t.test('consistent record gives no warnings', async t => {
  t.same(checkPersonalIdAgainst('092085012345', { birthDate: '1985-04-30', sex: 'male' }), [])
  t.same(checkPersonalIdAgainst('094305000001', { birthDate: '01/01/2005', sex: 'female' }), [],
    'any parseVnDate format')
  t.same(checkPersonalIdAgainst('092085012345'), [], 'no facts, known province')
})

const codes = (w: { code: string }[]) => w.map(x => x.code).sort()

t.test('mismatches are warnings with stable codes', async t => {
  t.same(codes(checkPersonalIdAgainst('092085012345', { sex: 'female' })), ['LT_WARN_ID_SEX_MISMATCH'])
  t.same(codes(checkPersonalIdAgainst('092085012345', { birthDate: '1986-01-01' })), ['LT_WARN_ID_BIRTH_YEAR_MISMATCH'])
  t.same(codes(checkPersonalIdAgainst('092085012345', { birthDate: '2085-01-01' })), ['LT_WARN_ID_CENTURY_MISMATCH'])
  t.same(codes(checkPersonalIdAgainst('092085012345', { birthDate: '2086-01-01', sex: 'female' })),
    ['LT_WARN_ID_BIRTH_YEAR_MISMATCH', 'LT_WARN_ID_CENTURY_MISMATCH', 'LT_WARN_ID_SEX_MISMATCH'])
  const [w] = checkPersonalIdAgainst('092085012345', { sex: 'female' })
  t.match(w?.message, /male/)
})

t.test('boundary years around the century change', async t => {
  t.same(checkPersonalIdAgainst('092099000001', { birthDate: '1999-12-31' }), [])
  t.same(checkPersonalIdAgainst('092200000001', { birthDate: '2000-01-01' }), [])
  t.same(codes(checkPersonalIdAgainst('092000000001', { birthDate: '2000-01-01' })), ['LT_WARN_ID_CENTURY_MISMATCH'])
})

t.test('unknown sex or unreadable birth date give no warning', async t => {
  t.same(checkPersonalIdAgainst('092085012345', { sex: 'unknown', birthDate: '31/02/1985' }), [])
})

t.test('unknown province prefix is a warning, not a rejection', async t => {
  t.match(parsePersonalId('099085012345'), { ok: true, provinceCode: '099' })
  t.same(codes(checkPersonalIdAgainst('099085012345')), ['LT_WARN_ID_UNKNOWN_PROVINCE'])
  t.same(codes(checkPersonalIdAgainst('003085012345')), ['LT_WARN_ID_UNKNOWN_PROVINCE'], 'gap in the code list')
})

t.test('an already parsed id or a bad string', async t => {
  const p = parsePersonalId('092085012345')
  if (!p.ok) throw new Error('fixture')
  t.same(checkPersonalIdAgainst(p, { sex: 'male' }), [])
  t.same(codes(checkPersonalIdAgainst('12345', { sex: 'male' })), ['LT_WARN_ID_FORMAT'])
})

t.test('province table', async t => {
  const table = loadProvinces()
  t.equal(table.provinces.length, 63, 'all 63 pre-2025 provinces')
  t.equal(loadProvinces(), table, 'memoised')
  t.equal(provinceName('092'), 'Cần Thơ')
  t.equal(provinceName('093'), 'Hậu Giang')
  t.equal(provinceName('094'), 'Sóc Trăng')
  t.equal(provinceName('001'), 'Hà Nội')
  t.equal(provinceName('079'), 'Thành phố Hồ Chí Minh')
  t.equal(provinceName('096'), 'Cà Mau')
  t.equal(provinceName('92'), undefined)
  for (const p of table.provinces) t.equal(p.name, p.name.normalize('NFC'), `${p.code} NFC`)
})

t.test('province table validation names the bad entry', async t => {
  t.throws(() => validateProvinces(null), /not an object/)
  t.throws(() => validateProvinces({ source: 's', provinces: [] }), /version/)
  t.throws(() => validateProvinces({ version: '1', source: 's', provinces: [{ code: '92', name: 'x' }] }),
    /provinces\[0\]/)
  t.throws(() => validateProvinces({ version: '1', source: 's',
    provinces: [{ code: '092', name: 'a' }, { code: '092', name: 'b' }] }), /provinces\[1\] duplicate code 092/)
  t.throws(() => validateProvinces({ version: '1', source: 's', provinces: [{ code: '092' }] }), /\(092\) has no name/)
  const custom = validateProvinces({ version: '1', source: 's', provinces: [{ code: '999', name: 'Test' }] })
  t.same(codes(checkPersonalIdAgainst('092085012345', {}, custom)), ['LT_WARN_ID_UNKNOWN_PROVINCE'],
    'table is injectable')
  t.same(checkPersonalIdAgainst('999085012345', {}, custom), [])
})
