// Each schema turns away the data sources typically get wrong: a malformed id, a date in the wrong
// format or outside the calendar, a code outside its list, a property the schema does not know.
// Every case starts from the schema's own (valid) first example and breaks one thing.
import t from 'tap'
import { createSchemaValidator, canonicalSchemas, describeErrors,
  type CanonicalSchemaName } from '../../../schemas/validator.js'
import { sourceRejectCases } from './sources/reject-cases.js'

type Doc = Record<string, any>
type Case = [label: string, breakIt: (doc: Doc) => void, path: string]

const schemas = createSchemaValidator()
const extra = (doc: Doc): void => { doc.notInTheSchema = 'x' }

const cases: Record<CanonicalSchemaName, Case[]> = {
  'change-event': [
    ['empty id', d => { d.id = '' }, '/id'],
    ['source outside /connectors', d => { d.source = '/sources/civil-status/persons' }, '/source'],
    ['time that is not a date-time', d => { d.time = '02/07/2025 08:15' }, '/time'],
    ['unknown op', d => { d.op = 'x' }, '/op'],
    ['version that is not semver', d => { d.connectorversion = '1.0' }, '/connectorversion'],
    ['type that names no verb', d => { d.type = 'vn.lienthong.raw.residence.registrations' }, '/type'],
    ['data that is neither object nor null', d => { d.data = 'raw' }, '/data'],
    ['missing ingesttime', d => { delete d.ingesttime }, '/'],
    ['camel-case extension (not a CloudEvents name)', d => { d.ingestTime = d.ingesttime }, '/'],
    ['extra property', extra, '/']
  ],
  person: [
    ['11-digit personal id', d => { d.personalId = '09208500123' }, '/personalId'],
    ['personal id with spaces', d => { d.personalId = '092 0 85 001234' }, '/personalId'],
    ['CMND with a letter', d => { d.legacyCmnd = '36123456X' }, '/legacyCmnd'],
    ['ddMMyyyy birth date', d => { d.birthDate = '14031985' }, '/birthDate'],
    ['30 February', d => { d.birthDate = '1985-02-30' }, '/birthDate'],
    ['year before 1900', d => { d.birthDate = '1899-12-31' }, '/birthDate'],
    ['sex in the source dialect', d => { d.sex = 'Nam' }, '/sex'],
    ['ethnicity code 55', d => { d.ethnicityCode = '55' }, '/ethnicityCode'],
    ['one-digit religion code', d => { d.religionCode = '1' }, '/religionCode'],
    ['lower-case nationality', d => { d.nationality = 'vn' }, '/nationality'],
    ['unknown marital status', d => { d.maritalStatus = 'engaged' }, '/maritalStatus'],
    ['international phone form', d => { d.phone = '+84912345678' }, '/phone'],
    ['email without a domain', d => { d.email = 'an.nguyen' }, '/email'],
    ['missing given name', d => { delete d.givenName }, '/'],
    ['extra property', extra, '/']
  ],
  household: [
    ['household id with a space', d => { d.householdId = 'HO 31135' }, '/householdId'],
    ['bad head id', d => { d.headPersonalId = '92085001234' }, '/headPersonalId'],
    ['4-digit ward code', d => { d.address.wardCode = '3113' }, '/address/wardCode'],
    ['no members', d => { d.members = [] }, '/members'],
    ['no member is the head', d => { d.members[0].relationToHead = '09' }, '/members'],
    ['relation code outside the list', d => { d.members[1].relationToHead = '10' }, '/members/1/relationToHead'],
    ['bad registration date', d => { d.registeredOn = '2023-1-1' }, '/registeredOn'],
    ['extra property on a member', d => { d.members[0].note = 'x' }, '/members/0'],
    ['extra property', extra, '/']
  ],
  'household-membership': [
    ['bad member id', d => { d.personalId = 'A92187004321' }, '/personalId'],
    ['relation code 00', d => { d.relationToHead = '00' }, '/relationToHead'],
    ['month 13', d => { d.fromDate = '2010-13-01' }, '/fromDate'],
    ['ward code with letters', d => { d.wardCode = 'NK135' }, '/wardCode'],
    ['extra property', extra, '/']
  ],
  'birth-registration': [
    ['registration id with a space', d => { d.registrationId = '31135 2024' }, '/registrationId'],
    ['dd/MM/yyyy registration date', d => { d.registrationDate = '10/05/2024' }, '/registrationDate'],
    ['authority without a name', d => { d.registeringAuthority = { wardCode: '31135' } }, '/registeringAuthority'],
    ['child sex outside the enum', d => { d.child.sex = 'girl' }, '/child/sex'],
    ['child without a birth date', d => { delete d.child.birthDate }, '/child'],
    ['no parent at all', d => { delete d.mother; delete d.father }, '/'],
    ['parent born in 1850', d => { d.mother.birthYear = 1850 }, '/mother/birthYear'],
    ['child ethnicity 99', d => { d.child.ethnicityCode = '99' }, '/child/ethnicityCode'],
    ['extra property', extra, '/']
  ],
  'marriage-registration': [
    ['one spouse', d => { d.spouses = d.spouses.slice(0, 1) }, '/spouses'],
    ['three spouses', d => { d.spouses = [...d.spouses, d.spouses[0]] }, '/spouses'],
    ['spouse without an identity document', d => { delete d.spouses[1].legacyCmnd }, '/spouses/1'],
    ['lower-case passport number', d => { d.spouses[1].passportNumber = 'm1234567' }, '/spouses/1/passportNumber'],
    ['spouse birth date as a year', d => { d.spouses[0].birthDate = '1985' }, '/spouses/0/birthDate'],
    ['extra property', extra, '/']
  ],
  'death-registration': [
    ['no place of death', d => { delete d.placeOfDeath }, '/'],
    ['date of death with a time', d => { d.dateOfDeath = '2025-01-30T10:00:00Z' }, '/dateOfDeath'],
    ['bad id of the deceased', d => { d.deceased.personalId = '09204000031' }, '/deceased/personalId'],
    ['sex outside the enum', d => { d.deceased.sex = 'M' }, '/deceased/sex'],
    ['extra property', extra, '/']
  ],
  residence: [
    ['bad personal id', d => { d.personalId = '' }, '/personalId'],
    ['misspelt kind', d => { d.kind = 'permanant' }, '/kind'],
    ['31 April', d => { d.toDate = '2024-04-31' }, '/toDate'],
    ['address without a ward code', d => { delete d.address.wardCode }, '/address'],
    ['extra property in the address', d => { d.address.district = '916' }, '/address'],
    ['extra property', extra, '/']
  ],
  'land-parcel': [
    ['parcel id with a padded sheet', d => { d.parcelId = '31147-012-345' }, '/parcelId'],
    ['parcel id with a 4-digit commune', d => { d.parcelId = '3114-12-345' }, '/parcelId'],
    ['map sheet 0', d => { d.mapSheet = 0 }, '/mapSheet'],
    ['zero area', d => { d.areaM2 = 0 }, '/areaM2'],
    ['unknown purpose code', d => { d.landUsePurposes = ['XYZ'] }, '/landUsePurposes/0'],
    ['lower-case purpose code', d => { d.landUsePurposes = ['odt'] }, '/landUsePurposes/0'],
    ['the same purpose twice', d => { d.landUsePurposes = ['ODT', 'ODT'] }, '/landUsePurposes'],
    ['no purpose', d => { d.landUsePurposes = [] }, '/landUsePurposes'],
    ['bad holder id', d => { d.holderPersonalIds = ['0920850012345'] }, '/holderPersonalIds/0'],
    ['extra property', extra, '/']
  ],
  'land-use-certificate': [
    ['serial without its space', d => { d.serial = 'AA05565655' }, '/serial'],
    ['serial with 5 digits', d => { d.serial = 'AA 12345' }, '/serial'],
    ['serial with one letter', d => { d.serial = 'A 05565655' }, '/serial'],
    ['register entry without a digit', d => { d.registerEntry = 'QSDĐ' }, '/registerEntry'],
    ['lower-case register entry', d => { d.registerEntry = '01439/qsdđ' }, '/registerEntry'],
    ['parcel id without a parcel number', d => { d.parcelIds = ['31147-12'] }, '/parcelIds/0'],
    ['no holder', d => { d.holderPersonalIds = [] }, '/holderPersonalIds'],
    ['issue date in the future calendar', d => { d.issueDate = '2101-01-01' }, '/issueDate'],
    ['extra property', extra, '/']
  ],
  'health-insurance-card': [
    ['benefit level 6 in the card number', d => { d.cardNumber = 'HS6929220878811' }, '/cardNumber'],
    ['lower-case card number', d => { d.cardNumber = 'hs4929220878811' }, '/cardNumber'],
    ['9-digit number', d => { d.cardNumber = '922087881' }, '/cardNumber'],
    ['benefit level 0', d => { d.benefitLevel = 0 }, '/benefitLevel'],
    ['benefit level 6', d => { d.benefitLevel = 6 }, '/benefitLevel'],
    ['4-character facility code', d => { d.initialFacilityCode = '9200' }, '/initialFacilityCode'],
    ['valid-to in ddMMyyyy', d => { d.validTo = '31122025' }, '/validTo'],
    ['bad holder id', d => { d.holderPersonalId = '0922120007770' }, '/holderPersonalId'],
    ['extra property', extra, '/']
  ],
  'business-household': [
    ['unknown status', d => { d.status = 'open' }, '/status'],
    ['lower-case registration number', d => { d.registrationNumber = '57a8004567' }, '/registrationNumber'],
    ['no business line', d => { d.businessLines = [] }, '/businessLines'],
    ['2-digit industry code', d => { d.businessLines[0].code = '47' }, '/businessLines/0/code'],
    ['negative capital', d => { d.capitalVnd = -1 }, '/capitalVnd'],
    ['fractional capital', d => { d.capitalVnd = 1.5 }, '/capitalVnd'],
    ['bad owner id', d => { d.ownerPersonalId = '92187004321' }, '/ownerPersonalId'],
    ['extra property', extra, '/']
  ],
  ...sourceRejectCases
}

for (const [name, list] of Object.entries(cases) as Array<[CanonicalSchemaName, Case[]]>) {
  t.test(name, async t => {
    const validate = schemas.validator(name)
    const example = (canonicalSchemas[name].examples as readonly unknown[])[0]
    t.ok(validate(example), 'the starting point is valid')
    for (const [label, breakIt, path] of list) {
      const doc = structuredClone(example) as Doc
      breakIt(doc)
      const valid = validate(doc)
      const errors = describeErrors(validate.errors)
      t.notOk(valid, `rejects ${label}`)
      t.ok(errors.some(e => e.path === path), `names ${path} for ${label}`, { errors })
    }
  })
}

t.test('unknown properties are named in the error message', async t => {
  const validate = schemas.validator('person')
  const doc = { ...(canonicalSchemas.person.examples[0]), cccdNumber: '092085001234' }
  t.notOk(validate(doc))
  t.match(describeErrors(validate.errors), [{ path: '/', message: "has unknown property 'cccdNumber'" }])
})
