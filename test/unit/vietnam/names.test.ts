import t from 'tap'
import { foldDiacritics, nameMatchKey, normalizeName } from '../../../schemas/vietnam/names.js'

t.test('mixed case and doubled spaces', async t => {
  t.same(normalizeName('NGUYỄN THỊ  MINH khai'),
    { full: 'Nguyễn Thị Minh Khai', family: 'Nguyễn', middle: 'Thị Minh', given: 'Khai' })
  t.same(normalizeName('  trần   văn nam '), { full: 'Trần Văn Nam', family: 'Trần', middle: 'Văn', given: 'Nam' })
  t.same(normalizeName('lê\tthị\u00a0lan'), { full: 'Lê Thị Lan', family: 'Lê', middle: 'Thị', given: 'Lan' },
    'tabs and NBSP')
})

t.test('NFD input gives NFC output', async t => {
  const nfd = 'ĐẶNG NGỌC YẾN'.normalize('NFD')
  const r = normalizeName(nfd)
  t.equal(r.full, 'Đặng Ngọc Yến')
  t.equal(r.full, r.full.normalize('NFC'))
  t.same(normalizeName(nfd), normalizeName('Đặng Ngọc Yến'))
  t.not(nfd, 'ĐẶNG NGỌC YẾN', 'fixture really is decomposed')
})

t.test('Đ and other precomposed capitals', async t => {
  t.equal(normalizeName('đặng').given, 'Đặng')
  t.equal(normalizeName('ĐẶNG').given, 'Đặng')
  t.equal(normalizeName('ông ích khiêm').full, 'Ông Ích Khiêm')
  t.equal(normalizeName('ưng hoàng phúc').full, 'Ưng Hoàng Phúc')
})

t.test('two words and single word', async t => {
  t.same(normalizeName('lý mai'), { full: 'Lý Mai', family: 'Lý', middle: '', given: 'Mai' })
  t.same(normalizeName('THẠCH'), { full: 'Thạch', family: '', middle: '', given: 'Thạch' })
  t.same(normalizeName('   '), { full: '', family: '', middle: '', given: '' })
  t.same(normalizeName(undefined as unknown as string), { full: '', family: '', middle: '', given: '' })
})

t.test('full is always rebuilt from its parts', async t => {
  for (const s of ['a', 'a b', 'a b c', 'huỳnh thị ngọc bảo trâm', 'THỊ']) {
    const r = normalizeName(s)
    t.equal([r.family, r.middle, r.given].filter(Boolean).join(' '), r.full, s)
  }
  t.same(normalizeName('huỳnh thị ngọc bảo trâm'),
    { full: 'Huỳnh Thị Ngọc Bảo Trâm', family: 'Huỳnh', middle: 'Thị Ngọc Bảo', given: 'Trâm' })
})

t.test('hyphen, apostrophe, invisible characters', async t => {
  t.equal(normalizeName("ksor h'hen").full, "Ksor H'Hen")
  t.equal(normalizeName('y-moan ÊNUÔL').full, 'Y-Moan Ênuôl')
  t.equal(normalizeName('Võ\u200B Văn\uFEFF Kiệt').full, 'Võ Văn Kiệt')
})

t.test('spelling is kept as written', async t => {
  t.equal(normalizeName('nguyễn thị hoà').given, 'Hoà')
  t.equal(normalizeName('nguyễn thị hòa').given, 'Hòa')
})

t.test('foldDiacritics', async t => {
  t.equal(foldDiacritics('Nguyễn Thị Minh Khai'), 'Nguyen Thi Minh Khai')
  t.equal(foldDiacritics('Đặng đức'), 'Dang duc')
  t.equal(foldDiacritics('Ưng Ơn Ấn'), 'Ung On An')
  t.equal(foldDiacritics('Nguyễn'.normalize('NFD')), 'Nguyen')
  t.equal(foldDiacritics('plain ascii 123'), 'plain ascii 123')
  t.equal(foldDiacritics(''), '')
})

t.test('nameMatchKey meets across forms', async t => {
  const key = 'nguyen thi minh khai'
  for (const s of ['Nguyễn Thị Minh Khai', 'NGUYỄN THỊ  MINH khai', 'nguyen thi minh khai', ' NGUYEN  THI MINH KHAI ',
    'Nguyễn Thị Minh Khai'.normalize('NFD')]) {
    t.equal(nameMatchKey(s), key, s)
  }
  t.equal(nameMatchKey('Đỗ Hoà'), nameMatchKey('Do Hòa'), 'old and new tone placement')
  // Folding merges different names; the key finds candidates, it does not prove identity.
  t.equal(nameMatchKey('Trần Văn Nam'), nameMatchKey('Trần Văn Năm'))
  t.not(nameMatchKey('Trần Văn Nam'), nameMatchKey('Trần Nam'))
})
