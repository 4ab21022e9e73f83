// Compiles the canonical schemas once (draft 2020-12, with formats) and hands out validators.
// Created by the caller, never at import time, so tests and roles each own theirs.
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { canonicalSchemas, type CanonicalSchemaName } from './catalog.js'
import { DATE_PATTERN_YEAR, parseVnDate } from './vietnam/dates.js'

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

/**
 * One line per error: where it went wrong and what is wrong, for problem details and dead letters.
 * Given the validated data, a failed `pattern` is said the way a clerk can act on it (the way the
 * normalizer says it: "day 31 does not exist in 02/1990"), not as the regular expression.
 */
export function describeErrors (errors: ErrorObject[] | null | undefined, data?: unknown): Array<{
  path: string,
  message: string
}> {
  return (errors ?? []).map(e => ({
    path: e.instancePath === '' ? '/' : e.instancePath,
    message: e.keyword === 'additionalProperties'
      ? `has unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`
      : e.keyword === 'pattern' && data !== undefined
        ? describePatternFailure((e.params as { pattern: string }).pattern, valueAt(data, e.instancePath))
        : e.message ?? 'is invalid'
  }))
}

/** Errors joined into one reason line: `<path>: <message>; …`. */
export const errorsReason = (errors: Array<{ path: string, message: string }>): string =>
  errors.map(e => `${e.path}: ${e.message}`).join('; ')

function describePatternFailure (pattern: string, value: unknown): string {
  if (typeof value !== 'string') return 'is not text'
  if (pattern.includes(DATE_PATTERN_YEAR)) {
    const date = parseVnDate(value)
    if (!date.ok) return date.message
    return `is the date ${date.iso}, but not written in this stream's date layout`
  }
  const digits = /^\^\\d\{(\d+)\}\$$/.exec(pattern)
  if (digits !== null) {
    return `must be ${digits[1]} digits, got ${value.length} characters` +
      `${/^\d*$/.test(value) ? '' : ' with non-digits'}`
  }
  return `does not have the expected format (pattern ${pattern})`
}

/** The value at a JSON pointer (ajv's instancePath), or undefined. */
function valueAt (data: unknown, pointer: string): unknown {
  let here = data
  for (const part of pointer.split('/').slice(1)) {
    if (here === null || typeof here !== 'object') return undefined
    here = (here as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return here
}
