import t from 'tap'
import { compactKey } from '../../../schemas/vietnam/fold.js'
import { ETHNICITIES, ethnicityByCode, ethnicityByName } from '../../../schemas/vietnam/ethnicity.js'
import { RELIGIONS, religionByCode, religionByName } from '../../../schemas/vietnam/religion.js'

t.test('54 ethnic groups, codes 01-54 in order, unique folded names', async t => {
  t.equal(ETHNICITIES.length, 54)
  ETHNICITIES.forEach((e, i) => t.equal(e.code, String(i + 1).padStart(2, '0'), e.name))
  const keys = ETHNICITIES.flatMap(e => [e.name, ...e.aliases].map(compactKey))
  t.equal(new Set(keys).size, keys.length, 'no two groups share a folded name, and no alias merely respells a name')
})

t.test('ethnicity codes from the reference', async t => {
  t.equal(ethnicityByCode('01')?.name, 'Kinh')
  t.equal(ethnicityByCode('04')?.name, 'Hoa')
  t.equal(ethnicityByCode('05')?.name, 'Khơ-me')
  t.equal(ethnicityByCode('54')?.name, 'Rơ Măm')
  t.equal(ethnicityByCode(5)?.code, '05', 'numeric column lost the zero')
  t.equal(ethnicityByCode(' 5 ')?.code, '05')
  t.equal(ethnicityByCode('00'), undefined)
  t.equal(ethnicityByCode('55'), undefined)
  t.equal(ethnicityByCode('005'), undefined)
  t.equal(ethnicityByCode('Kinh'), undefined)
})

t.test('ethnicity by folded name', async t => {
  for (const s of ['Khơ-me', 'Khơ Me', 'KHƠ-ME', 'khome', 'Khmer', 'Dân tộc Khơ-me', 'Khơ-me'.normalize('NFD')]) {
    t.equal(ethnicityByName(s)?.code, '05', s)
  }
  t.equal(ethnicityByName('kinh')?.code, '01')
  t.equal(ethnicityByName('Việt')?.code, '01')
  t.equal(ethnicityByName('Hoa')?.code, '04')
  t.equal(ethnicityByName("H'Mông")?.code, '08')
  t.equal(ethnicityByName('Mông')?.code, '08')
  t.equal(ethnicityByName('Hmong')?.code, '08')
  t.equal(ethnicityByName("X'Tiêng")?.code, '22')
  t.equal(ethnicityByName('Cơ Lao')?.code, ethnicityByName('Co Lao')?.code)
  t.equal(ethnicityByName('Chàm')?.code, '17', 'folds to Chăm')
  t.equal(ethnicityByName('Ê Đê')?.code, '12')
  t.equal(ethnicityByName('Bru Van Kieu')?.code, '23')
  t.equal(ethnicityByName('Khơ-mú')?.code, '29', 'not confused with Khơ-me')
  t.equal(ethnicityByName(''), undefined)
  t.equal(ethnicityByName('Dân tộc'), undefined)
  t.equal(ethnicityByName('Kinh Hoa'), undefined)
  t.equal(ethnicityByName(undefined as unknown as string), undefined)
})

t.test('religion codes 00-05', async t => {
  t.same(RELIGIONS.map(r => r.code), ['00', '01', '02', '03', '04', '05'])
  t.equal(religionByCode('00')?.name, 'Không')
  t.equal(religionByCode(0)?.code, '00')
  t.equal(religionByCode('1')?.name, 'Phật giáo')
  t.equal(religionByCode('02')?.name, 'Công giáo')
  t.equal(religionByCode('03')?.name, 'Tin Lành')
  t.equal(religionByCode('04')?.name, 'Cao Đài')
  t.equal(religionByCode('05')?.name, 'Phật giáo Hòa Hảo')
  t.equal(religionByCode('06'), undefined)
  t.equal(religionByCode('x'), undefined)
})

t.test('religion by folded name', async t => {
  t.equal(religionByName('PHẬT GIÁO')?.code, '01')
  t.equal(religionByName('phat giao')?.code, '01')
  t.equal(religionByName('Phật giáo Hòa Hảo')?.code, '05', 'whole name wins over its prefix')
  t.equal(religionByName('Hoà Hảo')?.code, '05', 'old tone placement')
  t.equal(religionByName('Thiên Chúa giáo')?.code, '02')
  t.equal(religionByName('Tin lành')?.code, '03')
  t.equal(religionByName('Cao Đài'.normalize('NFD'))?.code, '04')
  t.equal(religionByName('không')?.code, '00')
  t.equal(religionByName('Hồi giáo'), undefined, 'not in the reference list')
  t.equal(religionByName(''), undefined)
  const keys = RELIGIONS.flatMap(r => [r.name, ...r.aliases].map(compactKey))
  t.equal(new Set(keys).size, keys.length, 'unique folded names')
})
