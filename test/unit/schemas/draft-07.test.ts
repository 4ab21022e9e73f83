// The canonical schemas declare draft 2020-12 but use nothing newer than draft-07, so Fastify's own
// ajv (draft-07) can take any of them as a route schema once `$schema` is dropped. This keeps that
// promise: each compiles in strict draft-07 mode and gives the same verdicts as the 2020-12 validator.
import t from 'tap'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { createSchemaValidator, canonicalSchemas, type CanonicalSchemaName } from '../../../schemas/validator.js'
import { syntheticRecords } from './synthetic.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const draft07 = addFormats(new Ajv({ allErrors: true, strict: true, strictTypes: false }))
const schemas = createSchemaValidator()

for (const name of Object.keys(canonicalSchemas) as CanonicalSchemaName[]) {
  t.test(name, async t => {
    const { $schema: _dialect, ...schema } = canonicalSchemas[name] as Record<string, unknown>
    const old = draft07.compile(schema)
    const current = schemas.validator(name)
    const samples: unknown[] = [...(schema.examples as unknown[]), syntheticRecords[name]]
    const broken = samples.map(s => ({ ...(s as object), notInTheSchema: true }))
    for (const [i, sample] of [...samples, ...broken].entries()) {
      t.equal(old(sample), current(sample), `sample ${i}: same verdict`)
    }
    t.ok(samples.every(s => old(s)), 'draft-07 accepts the valid samples')
    t.notOk(broken.some(s => old(s)), 'and rejects the broken ones')
  })
}
