// Integrators' raw-record schemas are compiled apart from the canonical ones: their $ids must not
// collide with ours, and nothing they write may load a schema from elsewhere (no loadSchema).
// Their `pattern`s run on a linear-time engine, never V8's backtracking one (ReDoS).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { linearRegExp } from './linear-regexp.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

export function compileRawSchema (schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, code: { regExp: linearRegExp } })
  addFormats(ajv)
  return ajv.compile(schema)
}
