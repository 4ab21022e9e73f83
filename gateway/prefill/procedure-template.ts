// Procedure templates are data: one JSON file per one-stop procedure in ./procedures, mapping each
// form field either to a canonical path of one of the procedure's subjects, or to a question the
// clerk must still ask. Loaded and checked once at boot: a template that points at a field the
// canonical schemas do not have stops the start.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { existsSync } from 'node:fs'
import { Ajv } from 'ajv'
import type { FromSchema } from 'json-schema-to-ts'
import { canonicalSchemas } from '../../schemas/catalog.js'

export const procedureTemplateSchema = {
  $id: 'ProcedureTemplate',
  title: 'ProcedureTemplate',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'title', 'titleEn', 'subjects', 'maxAgeDays', 'fields'],
  properties: {
    code: {
      type: 'string',
      pattern: '^\\d\\.\\d{6}$',
      description: 'National public-service portal code, without the province suffix.'
    },
    title: { type: 'string', minLength: 1 },
    titleEn: { type: 'string', minLength: 1 },
    subjects: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'description', 'required'],
        properties: {
          role: { type: 'string', pattern: '^[a-zA-Z]+$' },
          description: { type: 'string' },
          required: { type: 'boolean' }
        }
      }
    },
    maxAgeDays: {
      type: 'integer',
      minimum: 1,
      description: 'A value its source has not confirmed (sent, or synced successfully since) within this many days ' +
        'is flagged stale.'
    },
    fields: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label'],
        properties: {
          id: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9.]*$' },
          label: { type: 'string', minLength: 1 },
          subject: { type: 'string' },
          path: {
            type: 'string',
            pattern: '^(person|household|health-insurance-card|land-parcel\\[\\]|' +
              'business-household\\[\\])\\.[a-zA-Z][a-zA-Z0-9]*$'
          },
          ask: { type: 'string', minLength: 1, description: 'Why the hub cannot fill it: the clerk asks the citizen.' }
        }
      }
    }
  }
} as const

export type ProcedureTemplate = FromSchema<typeof procedureTemplateSchema>
export type TemplateField = ProcedureTemplate['fields'][number]

/** Canonical schema behind each path prefix. */
const schemaOfPrefix: Record<string, keyof typeof canonicalSchemas> = {
  person: 'person',
  household: 'household',
  'health-insurance-card': 'health-insurance-card',
  'land-parcel[]': 'land-parcel',
  'business-household[]': 'business-household'
}

function templatesDir (): string {
  // Source tree: ./procedures next to this file; compiled tree: fall back to the source folder.
  const here = dirname(fileURLToPath(import.meta.url))
  const local = join(here, 'procedures')
  return existsSync(local) ? local : join(here, '..', '..', '..', 'gateway', 'prefill', 'procedures')
}

export function loadProcedureTemplates (dir = templatesDir()): Map<string, ProcedureTemplate> {
  const check = new Ajv({ allErrors: true }).compile<ProcedureTemplate>(procedureTemplateSchema)
  const templates = new Map<string, ProcedureTemplate>()
  for (const file of readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
    const data: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    if (!check(data)) {
      throw new Error(`procedure template ${file}: ` +
        `${check.errors?.map(e => `${e.instancePath} ${e.message ?? ''}`).join('; ')}`)
    }
    if (`${data.code}.json` !== file) {
      throw new Error(`procedure template ${file}: code ${data.code} does not match the file name`)
    }
    const roles = new Set(data.subjects.map(s => s.role))
    for (const f of data.fields) {
      const where = `procedure template ${file}, field ${f.id}`
      if ((f.path === undefined) === (f.ask === undefined)) {
        throw new Error(`${where}: give exactly one of path and ask`)
      }
      if (f.path === undefined) continue
      if (f.subject === undefined || !roles.has(f.subject)) {
        throw new Error(`${where}: subject '${f.subject ?? ''}' is not one of the procedure's subjects`)
      }
      const [prefix, field] = f.path.split(/\.(?=[a-zA-Z][a-zA-Z0-9]*$)/)
      const schema = canonicalSchemas[schemaOfPrefix[prefix]] as unknown as { properties: Record<string, unknown> }
      if (schema.properties[field] === undefined) throw new Error(`${where}: ${prefix} has no field '${field}'`)
    }
    templates.set(data.code, data)
  }
  return templates
}
