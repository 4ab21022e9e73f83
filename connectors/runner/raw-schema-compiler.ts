// Compiles connectors' raw-record schemas in an ajv of their own (draft 2020-12, formats), apart
// from the canonical ones, and once per schema: several runners, an import and the conformance
// suite may ask for the same `$id`, which ajv refuses to add twice.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { addRawFormats } from '../declarative/raw-formats.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

export type RawSchemaCompiler = (schema: Record<string, unknown>) => ValidateFunction

export function createRawSchemaCompiler (): RawSchemaCompiler {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false })
  addFormats(ajv)
  addRawFormats(ajv)
  const byObject = new WeakMap<object, ValidateFunction>()
  return schema => {
    const known = byObject.get(schema) ?? (typeof schema.$id === 'string' ? ajv.getSchema(schema.$id) : undefined)
    if (known !== undefined) return known
    const compiled = ajv.compile(schema)
    byObject.set(schema, compiled)
    return compiled
  }
}
