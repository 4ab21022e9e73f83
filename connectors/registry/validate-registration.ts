// Checks a registration before anything is stored: the shape (JSON Schema), then what a schema
// cannot say: raw-record schemas compile and keep to local $refs, the primary key and cursor field
// exist, the config schema documents every field and the values fit it, the mapping is valid and
// covers the streams, the schedule parses, and the source URL passes the SSRF guard.
import { Ajv2020 } from 'ajv/dist/2020.js'
import cron from 'node-cron'
import { describeErrors } from '../../schemas/validator.js'
import type { MappingValidator } from '../mapping/validate-mapping.js'
import { compileRawSchema } from '../declarative/raw-schema-ajv.js'
import { registrationSchema } from './registration-schema.js'
import type { Registration } from './registration.js'

export interface RegistrationIssue { path: string, code: string, message: string }
export type RegistrationCheck = { ok: true, registration: Registration } | { ok: false, errors: RegistrationIssue[] }

export interface RegistrationValidatorDeps {
  mappingValidator: MappingValidator
  /** The SSRF guard's URL check: rejects with an error carrying `code` when the URL is refused. */
  checkUrl: (url: string) => Promise<unknown>
}

const INVALID = 'LT_ERR_CONNECTOR_INVALID'

/** tokenOnFile: an update may leave the push token out to keep the stored one. */
export type ValidateRegistration = (body: unknown, context?: { tokenOnFile?: boolean }) => Promise<RegistrationCheck>

export function createRegistrationValidator ({
  mappingValidator,
  checkUrl
}: RegistrationValidatorDeps): ValidateRegistration {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  const checkShape = ajv.compile(registrationSchema)

  return async function validateRegistration (body, context = {}) {
    if (!checkShape(body)) {
      return {
        ok: false,
        errors: describeErrors(checkShape.errors).map(e => ({ path: e.path, code: INVALID, message: e.message }))
      }
    }
    const r = body as unknown as Registration
    const errors: RegistrationIssue[] = []
    const fail = (path: string, message: string, code = INVALID): void => { errors.push({ path, code, message }) }

    checkMode(r, context.tokenOnFile === true, fail)
    // The merger folds data stewards' decisions as the events of this source system (records/steward.ts).
    if (r.sourceSystem === 'steward') fail('/sourceSystem', '\'steward\' is reserved for data stewards\' decisions')
    const names = r.streams.map(s => s.name)
    if (new Set(names).size !== names.length) fail('/streams', 'two streams share a name')
    r.streams.forEach((s, i) => checkStream(s, `/streams/${i}`, fail))
    const configFields = checkConfig(r, fail)
    for (const [header, value] of Object.entries(r.source?.headers ?? {})) {
      if (typeof value !== 'string' && !configFields.has(value.fromConfig)) {
        fail(`/source/headers/${header}/fromConfig`, `the config schema has no field '${value.fromConfig}'`)
      }
    }
    const mapping = mappingValidator.validateMapping(r.mapping)
    if (!mapping.ok) errors.push(...mapping.errors.map(e => ({
      ...e,
      path: `/mapping${e.path === '/' ? '' : e.path}`
    })))
    else {
      mapping.mapping.streams.forEach(
        (m, i) => {
          if (!names.includes(m.stream)) fail(`/mapping/streams/${i}/stream`, `no stream '${m.stream}' in streams`)
        }
      )
      names.forEach(
        (n, i) => {
          if (!mapping.mapping.streams.some(m => m.stream === n)) {
            fail(`/streams/${i}/name`, `stream '${n}' has no mapping`)
          }
        }
      )
    }
    // The network check last and only for an otherwise valid body: no DNS lookups for junk.
    if (errors.length === 0 && r.source !== undefined) {
      try { await checkUrl(r.source.url) } catch (err) {
        const e = err as Error & { code?: string }
        fail('/source/url', e.message, e.code ?? 'LT_ERR_SSRF_REFUSED')
      }
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, registration: r }
  }
}

type Fail = (path: string, message: string, code?: string) => void

function checkMode (r: Registration, tokenOnFile: boolean, fail: Fail): void {
  if (r.mode === 'push') {
    if (r.source !== undefined) fail('/source', 'a push connector has no source to poll')
    if (r.push?.token === undefined && !tokenOnFile) fail('/push/token', 'a push connector needs a token (at least ' +
      '32 printable characters) its source will send as a bearer token')
    return
  }
  if (r.push !== undefined) fail('/push', 'only a push connector takes a push token')
  const source = r.source
  if (source === undefined) { fail('/source', 'a poll connector needs a source (url, schedule, ' +
    'pageSize, paging)'); return }
  if (!cron.validate(source.schedule)) fail('/source/schedule', 'is not a valid cron expression (six fields, ' +
    'seconds first)')
  const p = source.paging
  const need = p.style === 'cursor' ? ['updatedSince', 'afterKey'] : p.style === 'page' ? ['page'] : ['offset']
  for (const name of need) {
    if ((p.params as Record<string, string | undefined>)[name] === undefined) {
      fail(`/source/paging/params`, `paging style '${p.style}' needs the name of its '${name}' parameter`)
    }
  }
  if (p.style === 'cursor' && p.hasMore !== undefined) fail('/source/paging/hasMore', 'the cursor style ends on ' +
    'next = null or a short page; hasMore is for page and offset')
  if (p.style !== 'cursor' && p.next !== undefined) {
    fail('/source/paging/next', `the ${p.style} style counts pages; next is for the cursor style`)
  }
  if (p.style !== 'page' && p.firstPage !== undefined) fail('/source/paging/firstPage', 'only the page style has a ' +
    'first page number')
}

function checkStream (s: Registration['streams'][number], at: string, fail: Fail): void {
  const remote = remoteRefs(s.rawSchema, `${at}/rawSchema`)
  for (const ref of remote) fail(ref, 'only local references (#…) are allowed; a registered schema never ' +
    'loads anything')
  if (remote.length === 0) {
    try { compileRawSchema(s.rawSchema) } catch (err) {
      fail(`${at}/rawSchema`, `is not a valid JSON Schema: ${(err as Error).message}`)
      return
    }
  }
  const props = (s.rawSchema.properties ?? {}) as Record<string, Record<string, unknown>>
  const required = Array.isArray(s.rawSchema.required) ? s.rawSchema.required as string[] : []
  for (const [role, field] of [['primaryKey', s.primaryKey], ['cursorField', s.cursorField]]) {
    if (props[field] === undefined) fail(`${at}/${role}`, `'${field}' is not a property of the raw schema`)
    else if (!required.includes(field)) fail(`${at}/${role}`, `'${field}' must be required by the raw schema`)
  }
  const cursor = props[s.cursorField]
  if (cursor !== undefined && cursor.format !== 'date-time') {
    fail(
      `${at}/rawSchema/properties/${s.cursorField}`,
      'the cursor field must be a date-time string (type string, format date-time): it orders changes and dates them'
    )
  }
}

/** Every $ref that does not start with '#', with where it is. */
function remoteRefs (node: unknown, at: string): string[] {
  if (node === null || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([k, v]) =>
    (k === '$ref' || k === '$dynamicRef') && typeof v === 'string' && !v.startsWith('#')
      ? [`${at}/${k}`]
      : remoteRefs(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))
}

/** Checks the config schema and values; returns the names of the config fields. */
function checkConfig (r: Registration, fail: Fail): Set<string> {
  if (r.config === undefined) return new Set()
  const schema = r.config.schema
  for (const ref of remoteRefs(schema, '/config/schema')) fail(ref, 'only local references (#…) are allowed')
  const props = schema.properties
  if (schema.type !== 'object' || props === null || typeof props !== 'object') { fail('/config/schema', 'must be an ' +
    'object schema with properties'); return new Set() }
  for (const [name, field] of Object.entries(props as Record<string, Record<string, unknown>>)) {
    if (typeof field?.description !== 'string' || field.description.trim() === '') {
      fail(`/config/schema/properties/${name}/description`, 'every config field must be documented')
    }
  }
  try {
    const check = compileRawSchema(schema)
    if (!check(r.config.values)) {
      for (const e of describeErrors(check.errors)) fail(`/config/values${e.path === '/' ? '' : e.path}`, e.message)
    }
  } catch (err) {
    fail('/config/schema', `is not a valid JSON Schema: ${(err as Error).message}`)
  }
  return new Set(Object.keys(props))
}

/** Names of the config fields marked writeOnly: stored, used, never returned. */
export function secretFields (r: Registration): string[] {
  const props = (r.config?.schema.properties ?? {}) as Record<string, { writeOnly?: unknown }>
  return Object.entries(props).filter(([, f]) => f?.writeOnly === true).map(([name]) => name)
}
