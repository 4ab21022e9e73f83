// yyyyMMdd, the driver-licensing export's date layout: the normalizer's date transform and the
// raw-schema pattern both read it, and neither mistakes it for ddMMyyyy.
import t from 'tap'
import { parseVnDate } from '../../../schemas/vietnam/dates.js'
import { datePattern } from '../../../connectors/runner/date-patterns.js'

t.test('parseVnDate reads yyyyMMdd and still reads ddMMyyyy', async t => {
  t.same(parseVnDate('20160922'), { ok: true, iso: '2016-09-22' })
  t.same(parseVnDate('19850314'), { ok: true, iso: '1985-03-14' })
  t.same(parseVnDate('14031985'), { ok: true, iso: '1985-03-14' })
  const leap = parseVnDate('19850229')
  t.equal(leap.ok, false)
  t.equal(!leap.ok && leap.code, 'LT_ERR_DATE_INVALID')
  t.equal(parseVnDate('19851301').ok, false)
})

t.test('the yyyyMMdd raw pattern refuses impossible days at the door', async t => {
  const re = new RegExp(datePattern('yyyyMMdd'))
  t.ok(re.test('20160922'))
  t.ok(re.test('20240229'))
  t.notOk(re.test('20160230'), '30 February')
  t.notOk(re.test('20161301'), 'month 13')
  t.notOk(re.test('22160101'), 'year outside 1900-2100')
  t.notOk(re.test('22092016'), 'ddMMyyyy is not this layout')
})
