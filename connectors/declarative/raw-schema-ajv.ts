// Integrators' raw-record schemas are compiled apart from the canonical ones: their $ids must not
// collide with ours, and nothing they write may load a schema from elsewhere (no loadSchema).
// Their `pattern`s run on a linear-time engine, never V8's backtracking one (ReDoS).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { linearRegExp } from './linear-regexp.js'
import { addRawFormats } from './raw-formats.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

export function compileRawSchema (schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    code: { regExp: linearRegExp }
  })
  addFormats(ajv)
  // The hub's own formats too: a built-in connector's schema names them, and its dry run, pushed
  // records and replays compile it here (an unknown format threw: a 500 in the API contract run).
  addRawFormats(ajv)
  return ajv.compile(schema)
}
