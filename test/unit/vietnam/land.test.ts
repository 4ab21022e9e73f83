import t from 'tap'
import { LAND_PURPOSES, parseLandPurpose, parseLandPurposes } from '../../../schemas/vietnam/land-purpose.js'
import { landParcelId, parseLandParcelId } from '../../../schemas/vietnam/land-parcel.js'
import { parseCertificateSerial } from '../../../schemas/vietnam/land-certificate.js'

t.test('purpose table covers the reference codes', async t => {
  const groups: Record<string, string[]> = {
    agricultural: ['LUC', 'LUK', 'HNK', 'CLN', 'RSX', 'RPH', 'RDD', 'NTS', 'CNT', 'LMU', 'NKH'],
    'non-agricultural': ['ONT', 'ODT', 'TSC', 'CQP', 'CAN', 'DGD', 'DYT', 'TMD', 'SKC', 'DGT', 'DTL', 'TON', 'TIN',
      'SON', 'NTD', 'PNK'],
    unused: ['BCS', 'DCS']
  }
  for (const [group, list] of Object.entries(groups)) {
    for (const code of list) t.match(parseLandPurpose(code), { ok: true, code, group }, code)
  }
  t.equal(LAND_PURPOSES.length, 29)
  t.equal(new Set(LAND_PURPOSES.map(p => p.code)).size, 29, 'unique codes')
})

t.test('terms given by the reference', async t => {
  for (const code of ['ONT', 'ODT']) t.match(parseLandPurpose(code), { term: 'long-term' }, code)
  for (const code of ['LUC', 'CLN', 'HNK', 'NTS']) t.match(parseLandPurpose(code), { term: '50-years' }, code)
  t.match(parseLandPurpose('TMD'), { term: 'varies' })
})

t.test('purpose input is trimmed and case-insensitive', async t => {
  t.match(parseLandPurpose(' odt '), { ok: true, code: 'ODT', name: 'Đất ở tại đô thị' })
  t.match(parseLandPurpose('Cln'), { ok: true, code: 'CLN' })
  for (const s of ['', 'XYZ', 'OD', 'ONT+CLN', 'ĐẤT Ở']) {
    t.match(parseLandPurpose(s), { ok: false, code: 'LT_ERR_LAND_PURPOSE' }, s)
  }
})

t.test('mixed-use purposes', async t => {
  const r = parseLandPurposes('ONT+CLN')
  t.match(r, { ok: true })
  if (r.ok) {
    t.same(r.purposes.map(p => p.code), ['ONT', 'CLN'])
    t.notOk('ok' in (r.purposes[0] as object), 'parts are plain purposes')
  }
  t.match(parseLandPurposes('odt, cln'), { ok: true, purposes: [{ code: 'ODT' }, { code: 'CLN' }] })
  t.match(parseLandPurposes('ONT+XXX'), { ok: false, code: 'LT_ERR_LAND_PURPOSE', message: /XXX/ })
  t.match(parseLandPurposes(' + '), { ok: false, code: 'LT_ERR_LAND_PURPOSE' })
})

t.test('parcel id', async t => {
  t.equal(landParcelId('31147', 12, 345), '31147-12-345')
  t.equal(landParcelId('31147', '012', '0345'), '31147-12-345', 'leading zeros dropped')
  t.equal(landParcelId(' 31147 ', ' 12 ', 1), '31147-12-1')
  t.throws(() => landParcelId('3114', 12, 345), RangeError)
  t.throws(() => landParcelId('31147', 0, 345), /sheet/)
  t.throws(() => landParcelId('31147', 12, -1), RangeError)
  t.throws(() => landParcelId('31147', 1.5, 2), RangeError)
})

t.test('parcel id parser', async t => {
  t.same(parseLandParcelId('31147-12-345'),
    { ok: true, id: '31147-12-345', oldCommuneCode: '31147', sheet: 12, parcel: 345 })
  t.match(parseLandParcelId(' 31147-012-345 '), { ok: true, id: '31147-12-345' })
  for (const s of ['', '31147-12', '31147-12-345-1', '3114-12-345', '31147-a-345', '31147-12-0', '31147--345',
    '31147 12 345']) {
    t.match(parseLandParcelId(s), { ok: false, code: 'LT_ERR_PARCEL_ID' }, JSON.stringify(s))
  }
})

t.test('certificate serial', async t => {
  t.same(parseCertificateSerial('AA 05565655'), { ok: true, value: 'AA 05565655', series: 'AA', number: '05565655' })
  t.match(parseCertificateSerial('aa05565655'), { ok: true, value: 'AA 05565655' })
  t.match(parseCertificateSerial(' BX  123456 '), { ok: true, value: 'BX 123456', number: '123456' }, '6 digits')
  t.match(parseCertificateSerial('CS 1234567'), { ok: true, number: '1234567' }, '7 digits')
  for (const s of ['', 'AA 12345', 'AA 123456789', 'A 05565655', 'AAA 05565655', '12 05565655', 'AA-05565655']) {
    t.match(parseCertificateSerial(s), { ok: false, code: 'LT_ERR_CERT_SERIAL' }, JSON.stringify(s))
  }
})
