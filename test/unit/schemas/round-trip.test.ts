// Every canonical schema compiles once, carries its identity, and accepts its own examples and a
// hand-built synthetic record (typed with the derived type, so schema and type agree at compile time).
import t from 'tap'
import { createSchemaValidator, canonicalSchemas, describeErrors,
  type CanonicalSchemaName } from '../../../schemas/validator.js'
import { SCHEMA_BASE_URL, JSON_SCHEMA_DIALECT } from '../../../schemas/common.js'
import { syntheticRecords } from './synthetic.js'

const schemas = createSchemaValidator()
const names = Object.keys(canonicalSchemas) as CanonicalSchemaName[]

t.test('the catalog holds the entities of the hub', async t => {
  t.same(names.sort(), [
    'birth-registration', 'business-household', 'canonical-event', 'change-event', 'death-registration',
    'health-insurance-card',
    'household', 'household-membership', 'land-parcel', 'land-use-certificate', 'marriage-registration',
    'person', 'residence',
    // issue 19 sources
    'civil-servant', 'construction-permit', 'driver-licence', 'notarization', 'social-beneficiary', 'student-enrolment',
    'unemployment-benefit', 'urban-infrastructure'
  ].sort())
})

for (const name of names) {
  t.test(name, async t => {
    const schema = canonicalSchemas[name] as Record<string, unknown>
    t.equal(schema.$schema, JSON_SCHEMA_DIALECT, 'declares draft 2020-12')
    t.equal(schema.$id, `${SCHEMA_BASE_URL}${name}.json`, '$id ends in the catalog name')
    t.match(schema.title, /^[A-Z][A-Za-z]+$/, 'has a PascalCase title')
    t.type(schema.description, 'string')
    t.ok((schema.description as string).length > 20, 'has a real description')
    t.equal(schema.additionalProperties, false, 'closed: unknown properties are errors')

    const validate = schemas.validator(name)
    t.equal(schemas.validator(name), validate, 'compiled once, handed out again')

    const examples = schema.examples as unknown[]
    t.ok(examples.length > 0, 'documents at least one example')
    for (const [i, example] of examples.entries()) {
      t.ok(validate(example), `example ${i} is valid`, { errors: describeErrors(validate.errors) })
    }

    const record = syntheticRecords[name]
    const copy = JSON.parse(JSON.stringify(record)) as unknown
    t.same(copy, record, 'survives JSON')
    t.ok(validate(copy), 'a synthetic record is valid', { errors: describeErrors(validate.errors) })
  })
}
