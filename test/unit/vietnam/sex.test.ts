import t from 'tap'
import { healthSexCode, parseSex, toSex } from '../../../schemas/vietnam/sex.js'

t.test('Vietnamese words in any case and Unicode form', async t => {
  for (const s of ['Nam', 'nam', 'NAM', ' Nam ', 'Nam giới']) t.equal(toSex(s), 'male', s)
  for (const s of ['Nữ', 'nữ', 'NỮ', 'nu', 'Nu', 'Nữ'.normalize('NFD'), 'nữ  giới']) t.equal(toSex(s), 'female', s)
})

t.test('letter and health codes', async t => {
  t.equal(toSex('M'), 'male')
  t.equal(toSex('f'), 'female')
  t.equal(toSex('male'), 'male')
  t.equal(toSex('Female'), 'female')
  t.equal(toSex('1'), 'male')
  t.equal(toSex(1), 'male')
  t.equal(toSex('2'), 'female')
  t.equal(toSex(2), 'female')
  t.equal(toSex('3'), 'unknown')
  t.equal(toSex('Không rõ'), 'unknown')
})

t.test('strict parse tells an explicit unknown from an unrecognised code', async t => {
  t.same(parseSex('3'), { ok: true, sex: 'unknown' })
  t.same(parseSex('U'), { ok: true, sex: 'unknown' })
  for (const s of ['0', '4', 'x', '', 'nam nữ']) {
    t.match(parseSex(s), { ok: false, code: 'LT_ERR_SEX_CODE' }, JSON.stringify(s))
    t.equal(toSex(s), 'unknown', `lenient ${JSON.stringify(s)}`)
  }
  t.match(parseSex(null), { ok: false, code: 'LT_ERR_SEX_CODE' })
  t.match(parseSex(undefined), { ok: false, code: 'LT_ERR_SEX_CODE' })
  t.equal(toSex(null), 'unknown')
})

t.test('health codes round-trip', async t => {
  t.equal(healthSexCode('male'), '1')
  t.equal(healthSexCode('female'), '2')
  t.equal(healthSexCode('unknown'), '3')
  for (const s of ['male', 'female', 'unknown'] as const) t.equal(toSex(healthSexCode(s)), s)
})
