// Types derived from the JSON Schemas the routes declare, so a response's fields are named once.
// json-schema-to-ts gives an object schema without `additionalProperties` an index signature
// ([key: string]: unknown); the serializer drops unlisted properties anyway, so the derived type
// leaves that signature out, at every depth, which keeps Omit<>, Pick<> and property reads exact. A
// declared one (`additionalProperties: { type: 'string' }`, a map) stays.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts'

type Closed<T> = T extends Array<infer U>
  ? Array<Closed<U>>
  : T extends Record<string, unknown>
    ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Closed<T[K]> }
    : T

export type SchemaType<S extends JSONSchema> = Closed<FromSchema<S>>
