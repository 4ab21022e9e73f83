// The schemas and the Vietnam rules must agree: a value the schema accepts is one the parser reads
// and writes back unchanged, and the code lists are the rules' lists, not copies that drift.
import t from 'tap'
import fc from 'fast-check'
import { createSchemaValidator } from '../../../schemas/validator.js'
import { dateSchema, ethnicityCodeSchema } from '../../../schemas/common.js'
import { landParcelSchema } from '../../../schemas/land-parcel.js'
import { HOUSEHOLD_RELATIONS, relationToHeadSchema } from '../../../schemas/household-relation.js'
import {
  ETHNICITIES, LAND_PURPOSES, MAX_YEAR, MIN_YEAR, landParcelId, parseBhytNumber, parseCertificateSerial,
  parseLandParcelId, parseVnDate
} from '../../../schemas/vietnam/index.js'

const { ajv } = createSchemaValidator()
const check = (schema: object): ((value: unknown) => boolean) => {
  const v = ajv.compile(schema)
  return value => v(value) === true
}
const pick = (id: string, pointer: string): ((value: unknown) => boolean) => {
  const v = ajv.getSchema(`https://lienthong.cantho.gov.vn/schemas/${id}.json#${pointer}`)
  if (v === undefined) throw new Error(`no schema at ${id}#${pointer}`)
  return value => v(value) === true
}

t.test('dates: ISO calendar days inside the years the rules accept', async t => {
  const isDate = check(dateSchema)
  t.equal(MIN_YEAR, 1900, 'the pattern spells out MIN_YEAR')
  t.equal(MAX_YEAR, 2100, 'the pattern spells out MAX_YEAR')
  for (const ok of ['1900-01-01', '2100-12-31', '2024-02-29', '1985-03-14']) t.ok(isDate(ok), ok)
  for (const bad of ['1899-12-31', '2101-01-01', '2023-02-29', '1985-3-14', '14031985', '1985-03-14T00:00:00Z', '']) {
    t.notOk(isDate(bad), bad)
  }
  fc.assert(fc.property(fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'),
    noInvalidDate: true }), d => {
    const iso = d.toISOString().slice(0, 10)
    // The schema accepts exactly the dates the parser accepts and writes back unchanged.
    const parsed = parseVnDate(iso)
    return isDate(iso) === (parsed.ok && parsed.iso === iso)
  }), { numRuns: 500 })
})

t.test('ethnicity codes are the 54 of the code table', async t => {
  t.same([...ethnicityCodeSchema.enum], ETHNICITIES.map(e => e.code))
})

t.test('land-use purposes are the codes of Circular 08/2024', async t => {
  t.same([...landParcelSchema.properties.landUsePurposes.items.enum], LAND_PURPOSES.map(p => p.code))
})

t.test('relation to the head: a documented, stable list', async t => {
  const codes = HOUSEHOLD_RELATIONS.map(r => r.code)
  t.same(codes.slice(0, 6), ['01', '02', '03', '04', '05', '06'])
  t.equal(new Set(codes).size, codes.length, 'codes are unique')
  t.equal(HOUSEHOLD_RELATIONS[0].meaning, 'head of household')
  t.equal(codes.at(-1), '09', '09 takes everything else')
  for (const r of HOUSEHOLD_RELATIONS) {
    t.match(relationToHeadSchema.description, `${r.code} ${r.meaning}`, `${r.code} is documented in the schema`)
  }
})

t.test('parcel ids: the schema accepts exactly what landParcelId builds', async t => {
  const isParcelId = pick('land-parcel', '/properties/parcelId')
  t.ok(isParcelId(landParcelId('31147', '012', '0345')), 'padded source numbers become a valid id')
  fc.assert(fc.property(
    fc.stringMatching(/^\d{4,6}$/), fc.stringMatching(/^[0-9]{1,4}$/), fc.stringMatching(/^[0-9]{1,5}$/),
    (commune, sheet, parcel) => {
      const raw = `${commune}-${sheet}-${parcel}`
      const parsed = parseLandParcelId(raw)
      return isParcelId(raw) === (parsed.ok && parsed.id === raw)
    }), { numRuns: 500 })
})

t.test('certificate serials: the schema accepts what parseCertificateSerial writes', async t => {
  const isSerial = pick('land-use-certificate', '/properties/serial')
  fc.assert(fc.property(fc.stringMatching(/^[A-Za-z]{1,3} ?\d{4,9}$/), raw => {
    const parsed = parseCertificateSerial(raw)
    return isSerial(raw) === (parsed.ok && parsed.value === raw)
  }), { numRuns: 500 })
  t.pass('500 generated serials: schema and parser agree') // fc.assert throws on the first disagreement
})

t.test('BHYT card numbers: the schema accepts what parseBhytNumber writes', async t => {
  const isCardNumber = pick('health-insurance-card', '/properties/cardNumber')
  fc.assert(fc.property(fc.oneof(
    fc.stringMatching(/^[A-Za-z]{2}\d{13}$/),
    fc.stringMatching(/^\d{9,11}$/),
    fc.stringMatching(/^[A-Z]{2} \d \d{2} \d{10}$/)
  ), raw => {
    const parsed = parseBhytNumber(raw)
    return isCardNumber(raw) === (parsed.ok && parsed.value === raw)
  }), { numRuns: 500 })
  t.pass('500 generated card numbers: schema and parser agree') // fc.assert throws on the first disagreement
})
