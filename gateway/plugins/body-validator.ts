// Validators that coerce where HTTP has only strings and nowhere else. Fastify's one ajv coerces
// types everywhere (coerceTypes is needed for querystring, params and headers), so a JSON body
// of {"name": false} passed as the string "false" and {"disabled": null} as false: requests the
// document calls invalid were accepted. Bodies are JSON and keep their types: no coercion there.
import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifySchemaCompiler } from 'fastify'

type BuildValidator = (
  externalSchemas: unknown, options: { customOptions?: Record<string, unknown> }
) => FastifySchemaCompiler<unknown>

export function buildValidatorsByPart (): BuildValidator {
  const pool = AjvCompiler() as unknown as BuildValidator
  return (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options)
    const exact = pool(externalSchemas, { ...options, customOptions: { ...options.customOptions, coerceTypes: false } })
    return route => route.httpPart === 'body' ? exact(route) : coercing(route)
  }
}
