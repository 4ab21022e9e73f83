import t from 'tap'
import { sampleCouple, type CivilStatusLike } from '../../../hub/sample-couple.js'

const now = new Date('2026-12-03T00:00:00Z')
const person = (id: string, sex: 'Nam' | 'Nữ', born: string, extra: Partial<CivilStatusLike> = {}): CivilStatusLike =>
  ({ so_dinh_danh: id, gioi_tinh: sex, ngay_sinh: born, ...extra })

t.test('picks an unmarried living woman and man of marriageable age', async t => {
  const records = [
    person('092300000001', 'Nữ', '01012015'), // a child
    person('092300000002', 'Nữ', '01011990', { so_dinh_danh_vo_chong: '092200000009' }), // married
    person('092300000003', 'Nữ', '01011991', { ngay_mat: '01012020' }), // dead
    person('092300000004', 'Nữ', '01011992', { da_xoa: true }), // deleted
    person('092300000005', 'Nữ', '05/06/1995'),
    person('092200000006', 'Nam', '2007-01-01'), // 19: under 20
    person('092200000007', 'Nam', '15031993')
  ]
  t.same(sampleCouple(records, now), { bride: '092300000005', groom: '092200000007' })
})

t.test('no couple when the register has none', async t => {
  t.equal(sampleCouple([person('092300000005', 'Nữ', '05/06/1995')], now), undefined)
  t.equal(sampleCouple([person('092300000005', 'Nữ', 'not a date'), person('092200000007', 'Nam', '15031993')], now),
    undefined)
})
