import t from 'tap'
import { daysInMonth, isLeapYear, parseBirthYear, parseVnDate } from '../../../schemas/vietnam/dates.js'

t.test('accepted formats all give the same ISO date', async t => {
  for (const s of ['05031990', '05/03/1990', '5/3/1990', '05-03-1990', '5-3-1990', '1990-03-05', ' 05/03/1990 ']) {
    t.same(parseVnDate(s), { ok: true, iso: '1990-03-05' }, s)
  }
})

t.test('ISO datetime keeps the written date, no timezone shift', async t => {
  t.same(parseVnDate('1990-03-05T00:00:00'), { ok: true, iso: '1990-03-05' })
  t.same(parseVnDate('1990-03-05T23:30:00Z'), { ok: true, iso: '1990-03-05' })
  t.same(parseVnDate('1990-03-05T00:00:00.000+07:00'), { ok: true, iso: '1990-03-05' })
  t.same(parseVnDate('1990-03-05 08:15'), { ok: true, iso: '1990-03-05' })
})

t.test('leap years', async t => {
  t.same(parseVnDate('29/02/2024'), { ok: true, iso: '2024-02-29' })
  t.same(parseVnDate('29/02/2000'), { ok: true, iso: '2000-02-29' }, 'divisible by 400')
  t.match(parseVnDate('29/02/1900'), { ok: false, code: 'LT_ERR_DATE_INVALID' }, '1900 is not leap')
  t.match(parseVnDate('29022023'), { ok: false, code: 'LT_ERR_DATE_INVALID' })
  t.equal(isLeapYear(2100), false)
  t.equal(daysInMonth(2023, 4), 30)
  t.equal(daysInMonth(2023, 12), 31)
})

t.test('impossible dates are LT_ERR_DATE_INVALID', async t => {
  for (const s of ['31/02/2000', '31/04/2000', '00/01/2000', '01/13/2000', '01/00/2000', '2000-02-30', '32011990']) {
    t.match(parseVnDate(s), { ok: false, code: 'LT_ERR_DATE_INVALID' }, s)
  }
})

t.test('year window 1900-2100 inclusive', async t => {
  t.same(parseVnDate('01/01/1900'), { ok: true, iso: '1900-01-01' })
  t.same(parseVnDate('31/12/2100'), { ok: true, iso: '2100-12-31' })
  t.match(parseVnDate('31/12/1899'), { ok: false, code: 'LT_ERR_DATE_INVALID' })
  t.match(parseVnDate('2101-01-01'), { ok: false, code: 'LT_ERR_DATE_INVALID' })
})

t.test('unreadable input is LT_ERR_DATE_FORMAT', async t => {
  for (const s of ['', '   ', '5/3/90', '1990/03/05', '5.3.1990', '0503199', '050319900', 'hôm qua', '1990-3-5',
    '05/03/1990 extra']) {
    const r = parseVnDate(s)
    t.match(r, { ok: false, code: 'LT_ERR_DATE_FORMAT' }, JSON.stringify(s))
    if (!r.ok) t.type(r.message, 'string')
  }
  t.match(parseVnDate(undefined as unknown as string), { ok: false, code: 'LT_ERR_DATE_FORMAT' })
})

t.test('parseBirthYear', async t => {
  t.same(parseBirthYear('1965'), { ok: true, year: 1965 })
  t.same(parseBirthYear(' 1965 '), { ok: true, year: 1965 })
  t.same(parseBirthYear(1965), { ok: true, year: 1965 })
  t.same(parseBirthYear('15/06/1965'), { ok: true, year: 1965 }, 'a full date gives its year')
  t.same(parseBirthYear('1900'), { ok: true, year: 1900 })
  t.same(parseBirthYear('2100'), { ok: true, year: 2100 })
  t.match(parseBirthYear('1899'), { ok: false, code: 'LT_ERR_DATE_INVALID' })
  t.match(parseBirthYear(2101), { ok: false, code: 'LT_ERR_DATE_INVALID' })
  t.match(parseBirthYear('65'), { ok: false, code: 'LT_ERR_DATE_FORMAT' })
  t.match(parseBirthYear(''), { ok: false, code: 'LT_ERR_DATE_FORMAT' })
  t.match(parseBirthYear('30/02/1965'), { ok: false, code: 'LT_ERR_DATE_INVALID' })
})
