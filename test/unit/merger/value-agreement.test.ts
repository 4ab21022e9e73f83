// When two sources agree on a field: only a real disagreement may become a conflict.
import t from 'tap'
import { agreeingGroups } from '../../../consumers/merger/value-agreement.js'

t.test('names: case, spacing and Unicode form never matter', async t => {
  t.same(agreeingGroups('fullName', ['Nguyễn Văn An', 'NGUYỄN  VĂN AN', 'Nguye\u0302\u0303n Va\u0306n An']),
    [[0, 1, 2]])
})

t.test('a name exported without any diacritics agrees with the spelling it folds to', async t => {
  t.same(agreeingGroups('fullName', ['Nguyễn Văn Ân', 'NGUYEN VAN AN']), [[0, 1]])
  t.same(agreeingGroups('fullName', ['NGUYEN VAN AN', 'Nguyễn Văn Ân']), [[1, 0]], 'whatever the order')
})

t.test('between spellings that carry diacritics the marks count', async t => {
  t.same(agreeingGroups('fullName', ['Nguyễn Văn Ân', 'Nguyễn Văn An']), [[0], [1]])
  // The bare spelling joins the first marked spelling it folds to; the two marked ones still disagree.
  t.same(agreeingGroups('fullName', ['Nguyễn Văn Ân', 'Nguyễn Văn An', 'NGUYEN VAN AN']), [[0, 2], [1]])
})

t.test('different letters disagree, with or without diacritics', async t => {
  t.same(agreeingGroups('fullName', ['Nguyễn Văn Nam', 'NGUYEN VAN NAMH']), [[0], [1]])
  t.same(agreeingGroups('fullName', ['Nguyễn Thị Trang', 'Nguyễn Trang']), [[0], [1]])
  t.same(agreeingGroups('givenName', ['Ân', 'AN', 'Bình']), [[0, 1], [2]])
})

t.test('other fields agree only on equal canonical values', async t => {
  t.same(agreeingGroups('birthDate', ['2001-02-03', '2001-02-03', '2001-03-02']), [[0, 1], [2]])
  t.same(agreeingGroups('permanentAddress', [{ wardCode: '31135', line: 'a' }, { line: 'a', wardCode: '31135' }]),
    [[0, 1]], 'key order does not matter')
  t.same(agreeingGroups('placeOfBirth', ['Cần Thơ', 'CAN THO']), [[0], [1]], 'the name rule is for names only')
})
