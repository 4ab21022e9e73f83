import t from 'tap'
import * as vn from '../../../schemas/vietnam/index.js'

t.test('index re-exports the public functions', async t => {
  const names = [
    'parsePersonalId', 'checkPersonalIdAgainst', 'loadProvinces', 'provinceName', 'parseCmnd',
    'parseBhytNumber', 'socialInsuranceNumberOf', 'loadAdminUnits', 'validateAdminUnits', 'parseAdminUnitsCsv',
    'useAdminUnits',
    'currentWardCode', 'currentWardCandidates', 'isCurrentWard', 'parseLandPurpose', 'parseLandPurposes',
    'landParcelId', 'parseLandParcelId', 'parseCertificateSerial', 'normalizeName', 'foldDiacritics',
    'nameMatchKey', 'parseVnDate', 'parseBirthYear', 'toSex', 'parseSex', 'healthSexCode',
    'ethnicityByCode', 'ethnicityByName', 'religionByCode', 'religionByName'
  ]
  for (const n of names) t.type((vn as Record<string, unknown>)[n], 'function', n)
  t.equal(vn.ETHNICITIES.length, 54)
})

t.test('end to end on a synthetic chip-card QR record', async t => {
  const qr = '092185001234||NGUYỄN THỊ  MINH khai|15061985|Nữ|Ninh Kiều, Cần Thơ|01022022'
  const [id, cmnd, name, dob, sex] = qr.split('|') as [string, string, string, string, string]
  const birth = vn.parseVnDate(dob)
  t.same(birth, { ok: true, iso: '1985-06-15' })
  t.equal(cmnd, '')
  t.equal(vn.normalizeName(name).full, 'Nguyễn Thị Minh Khai')
  t.same(vn.checkPersonalIdAgainst(id, { birthDate: dob, sex: vn.toSex(sex) as 'female' }), [])
})
