import t from 'tap'
import { smallCity } from './city-fixture.js'

const { written } = smallCity({ citizens: 300, seed: 47, rates: { invalid: 0 } })

// Field holding the birth (or issue) date in each stream, and the shape its dates take.
const DATES: Record<string, [string, RegExp]> = {
  'civil-status.cong-dan': ['ngay_sinh', /^\d{8}$/],
  'civil-status.ket-hon': ['ngay_dang_ky', /^\d{8}$/],
  'residence.residents': ['dateOfBirth', /^\d{2}\/\d{2}\/\d{4}$/],
  'land.thua-dat': ['GiayChungNhan.NgayCap', /^\d{2}-\d{2}-\d{4}$/],
  'bhyt.the': ['NGAY_SINH', /^\d{4}-\d{2}-\d{2}$/],
  'business.ho-kinh-doanh': ['chuHo.ngaySinh', /^\d{1,2}\/\d{1,2}\/\d{4}$/]
}
const KEYS: Record<string, string> = {
  'civil-status.cong-dan': 'so_dinh_danh',
  'civil-status.ket-hon': 'so_dang_ky',
  'residence.residents': 'personalId',
  'land.thua-dat': 'MaThua',
  'bhyt.the': 'MA_SO_BHXH',
  'business.ho-kinh-doanh': 'soGiayChungNhan'
}
const get = (r: Record<string, any>, path: string): any => path.split('.').reduce((o, k) => o?.[k], r)

t.test('each department writes its own field names and date format', async t => {
  for (const [stream, [field, shape]] of Object.entries(DATES)) {
    const records = written[stream]
    t.ok(records.length > 0, `${stream} has records`)
    t.ok(records.every(r => shape.test(get(r, field))), `${stream} dates in ${field} look like ${shape}`)
    t.ok(records.every(r => typeof r[KEYS[stream]] === 'string'), `${stream} is keyed by ${KEYS[stream]}`)
    for (const [other, key] of Object.entries(KEYS)) {
      if (other.split('.')[0] !== stream.split('.')[0]) {
        t.notOk(key in records[0], `${stream} does not use ${other}'s ${key}`)
      }
    }
  }
})

t.test('sex, names and card numbers are spelled per source', async t => {
  t.same(new Set(written['civil-status.cong-dan'].map(r => r.gioi_tinh)), new Set(['Nam', 'Nữ']))
  t.same(new Set(written['residence.residents'].map(r => r.gender)), new Set(['M', 'F']))
  t.same(new Set(written['bhyt.the'].map(r => r.GIOI_TINH)), new Set([1, 2]))
  t.ok(written['civil-status.cong-dan'].every(r => r.ho_va_ten === r.ho_va_ten.toLocaleUpperCase('vi')),
    'civil status writes upper case')
  const bhytNames = written['bhyt.the'].map(r => r.HO_TEN as string)
  t.ok(bhytNames.some(n => /^[A-Z ]+$/.test(n)) && bhytNames.some(n => /[^\x00-\x7F]/.test(n)),
    'BHYT names come with and without diacritics')
  const numbers = written['bhyt.the'].map(r => r.MA_THE as string)
  t.ok(numbers.some(n => /^[A-Z]{2}\d{13}$/.test(n)) && numbers.some(n => /^\d{10}$/.test(n)),
    'BHYT has 15-character and 10-digit card numbers')
  const owners = written['business.ho-kinh-doanh'].map(r => r.chuHo.hoTen as string)
  t.ok(owners.some(n => n !== n.normalize('NFC')), 'some business owner names are in NFD')
  t.ok(written['land.thua-dat'].every(r => /^[A-Z]{2} \d{8}$/.test(r.GiayChungNhan.SoPhatHanh)),
    'certificate serials look like AA 05565655')
})
