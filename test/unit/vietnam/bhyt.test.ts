import t from 'tap'
import { BHYT_GROUP_CODES, parseBhytNumber, socialInsuranceNumberOf } from '../../../schemas/vietnam/bhyt.js'

t.test('15-character card, spaces and case normalised', async t => {
  const expected = {
    ok: true,
    kind: 'card15',
    value: 'HS4010120878811',
    groupCode: 'HS',
    groupKnown: true,
    benefitLevel: 4,
    provinceCode: '01',
    socialInsuranceNumber: '0120878811'
  }
  t.same(parseBhytNumber('HS 4 01 0120878811'), expected)
  t.same(parseBhytNumber('HS4010120878811'), expected)
  t.same(parseBhytNumber(' hs4 01 01208 78811 '), expected)
  t.same(parseBhytNumber('Hs 4 01 0120878811'), expected)
})

t.test('benefit levels 1-5 only', async t => {
  t.match(parseBhytNumber('DN1920123456789'), { ok: true, benefitLevel: 1 })
  t.match(parseBhytNumber('TE5920123456789'), { ok: true, benefitLevel: 5 })
  t.match(parseBhytNumber('DN0920123456789'), { ok: false, code: 'LT_ERR_BHYT_BENEFIT_LEVEL' })
  t.match(parseBhytNumber('DN6920123456789'), { ok: false, code: 'LT_ERR_BHYT_BENEFIT_LEVEL' })
})

t.test('a group outside the reference list parses but is flagged', async t => {
  t.match(parseBhytNumber('ZZ3920123456789'), { ok: true, groupCode: 'ZZ', groupKnown: false })
  t.ok(BHYT_GROUP_CODES.includes('CA'))
  t.equal(BHYT_GROUP_CODES.length, new Set(BHYT_GROUP_CODES).size, 'no duplicates')
})

t.test('10-digit social-insurance number', async t => {
  t.same(parseBhytNumber('9212345678'),
    { ok: true, kind: 'ssn10', value: '9212345678', provinceCode: '92', socialInsuranceNumber: '9212345678' })
  t.match(parseBhytNumber(' 92 1234 5678 '), { ok: true, kind: 'ssn10', value: '9212345678' })
})

t.test('malformed numbers are LT_ERR_BHYT_FORMAT', async t => {
  for (const s of ['', 'HS401012087881', 'HS40101208788111', 'H54010120878811', '123456789', '12345678901',
    'HS4O10120878811', 'ĐN4010120878811', 'HS-4-01-0120878811']) {
    t.match(parseBhytNumber(s), { ok: false, code: 'LT_ERR_BHYT_FORMAT' }, JSON.stringify(s))
  }
})

t.test('socialInsuranceNumberOf links old and new cards', async t => {
  t.equal(socialInsuranceNumberOf('HS 4 01 0120878811'), '0120878811')
  t.equal(socialInsuranceNumberOf('0120878811'), '0120878811')
  t.equal(socialInsuranceNumberOf('hs4010120878811'), socialInsuranceNumberOf('0120878811'))
  t.equal(socialInsuranceNumberOf('nonsense'), undefined)
  t.equal(socialInsuranceNumberOf('DN6920123456789'), undefined, 'invalid benefit level')
})
