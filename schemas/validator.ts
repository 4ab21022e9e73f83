// Compiles the canonical schemas once (draft 2020-12, with formats) and hands out validators.
// Created by the caller, never at import time, so tests and roles each own theirs.
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { canonicalSchemas, type CanonicalSchemaName } from './catalog.js'

// ajv-formats ships CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

export { canonicalSchemas, type CanonicalSchemaName } from './catalog.js'

export interface SchemaValidator {
  ajv: Ajv2020
  validator: <T>(name: CanonicalSchemaName) => ValidateFunction<T>
}

export function createSchemaValidator (): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false })
  addFormats(ajv)
  for (const schema of Object.values(canonicalSchemas)) ajv.addSchema(schema)
  // Compile every schema now, so a broken one stops the process at boot, not on its first record.
  for (const schema of Object.values(canonicalSchemas)) ajv.getSchema(schema.$id)
  return {
    ajv,
    validator: <T>(name: CanonicalSchemaName) => ajv.getSchema<T>(canonicalSchemas[name].$id) as ValidateFunction<T>
  }
}

/** One line per error: where it went wrong and what is wrong, for problem details and dead letters. */
export function describeErrors (errors: ErrorObject[] | null | undefined): Array<{ path: string, message: string }> {
  return (errors ?? []).map(e => ({
    path: e.instancePath === '' ? '/' : e.instancePath,
    message: e.keyword === 'additionalProperties'
      ? `has unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`
      : e.message ?? 'is invalid'
  }))
}
