// The body of POST /v1/prefill, built from the procedure templates at boot so the schema says
// exactly which subjects each procedure takes: one `if procedureCode = X then subjects …` rule per
// procedure (its other roles only, the required ones required). A request valid by the document is
// then never refused for its shape; a subject error keeps its stable code, LT_ERR_PREFILL_SUBJECT.
import type { FastifySchemaValidationError } from 'fastify'
import { ApiProblem } from '../problem.js'
import type { ProcedureTemplate } from './procedure-template.js'

const PERSONAL_ID = { type: 'string', pattern: '^\\d{12}$' } as const

/** The roles besides the main subject (the first), and which of them are required. */
function otherRoles (template: ProcedureTemplate): { roles: string[], required: string[] } {
  const others = template.subjects.slice(1)
  return { roles: others.map(s => s.role), required: others.filter(s => s.required).map(s => s.role) }
}

/**
 * What `subjects` must be for one procedure. Each sub-schema names every body member (as `{}` where
 * it says nothing of it): linters that check examples close each object schema they meet, `if` and
 * `then` included (Redocly's no-invalid-media-type-examples).
 */
function subjectsRule (template: ProcedureTemplate): Record<string, unknown> {
  const { roles, required } = otherRoles(template)
  const subjects = roles.length === 0
    ? { type: 'object', maxProperties: 0 }
    : {
        type: 'object',
        properties: Object.fromEntries(roles.map(role => [role, {}])),
        propertyNames: { enum: roles },
        ...(required.length > 0 ? { required } : {})
      }
  return {
    if: {
      properties: { procedureCode: { const: template.code }, personalId: {}, subjects: {} },
      required: ['procedureCode']
    },
    then: {
      properties: { procedureCode: {}, personalId: {}, subjects },
      ...(required.length > 0 ? { required: ['subjects'] } : {})
    }
  }
}

export function prefillBodySchema (templates: Map<string, ProcedureTemplate>): Record<string, unknown> {
  const list = [...templates.values()]
  const rolesByProcedure = list.map(t =>
    `${t.code}: ${t.subjects.map(s => `${s.role}${s.required ? '' : ' (optional)'}`).join(', ')}`)
  const anyOther = [...new Set(list.flatMap(t => otherRoles(t).roles))].sort()
  return {
    type: 'object',
    additionalProperties: false,
    required: ['procedureCode', 'personalId'],
    properties: {
      procedureCode: {
        type: 'string',
        pattern: '^\\d\\.\\d{6}$',
        description: 'The procedure, e.g. 1.001193 (birth registration). ' +
          'A code the hub has no template for: 404 LT_ERR_PROCEDURE_NOT_FOUND.'
      },
      personalId: { ...PERSONAL_ID, description: 'The main subject: the procedure\'s first subject role.' },
      subjects: {
        type: 'object',
        description: 'The procedure\'s other subjects by role (GET /v1/procedures); the first role is personalId. ' +
          `Roles per procedure: ${rolesByProcedure.join('; ')}. ` +
          'A role the procedure does not have, or a missing required one: 400 LT_ERR_PREFILL_SUBJECT.',
        maxProperties: 4,
        ...(anyOther.length > 0 ? { propertyNames: { enum: anyOther } } : {}),
        additionalProperties: PERSONAL_ID
      }
    },
    allOf: list.map(subjectsRule),
    examples: [{ procedureCode: '1.000894', personalId: '092190001111', subjects: { groom: '092088002222' } }]
  }
}

/** Which roles are given (unknown ones, too many) or missing: not an id's format. */
function isRoleError (e: FastifySchemaValidationError): boolean {
  if (e.instancePath === '') {
    return e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'subjects'
  }
  return e.instancePath === '/subjects' && ['enum', 'propertyNames', 'required', 'maxProperties'].includes(e.keyword)
}

/**
 * A body validation failure about subject roles as LT_ERR_PREFILL_SUBJECT, each error at
 * body/subjects/<role>; undefined when anything else is wrong too (the generic answer says all).
 */
export function subjectProblem (
  errors: FastifySchemaValidationError[], body: unknown, templates: Map<string, ProcedureTemplate>
): ApiProblem | undefined {
  const code = (body as { procedureCode?: unknown } | null)?.procedureCode
  const template = typeof code === 'string' ? templates.get(code) : undefined
  // Ajv reports a failed `then` twice: its own errors and an `if` error saying so.
  const relevant = errors.filter(e => e.keyword !== 'if')
  const aboutRoles = relevant.filter(isRoleError)
  if (template === undefined || aboutRoles.length === 0 || aboutRoles.length !== relevant.length) return undefined
  const { roles, required } = otherRoles(template)
  const given = Object.keys((body as { subjects?: Record<string, unknown> }).subjects ?? {})
  const unknown = given.filter(role => !roles.includes(role))
  const missing = required.filter(role => !given.includes(role))
  const all = template.subjects.map(s => s.role).join(', ')
  return new ApiProblem(400, 'LT_ERR_PREFILL_SUBJECT',
    unknown.length > 0 ? 'Unknown subject role' : 'A required subject is missing',
    `${template.code} has the subjects ${all} (the first is personalId)` +
      `${unknown.length > 0 ? `; not ${unknown.join(', ')}` : ''}` +
      `${missing.length > 0 ? `; it needs ${missing.join(', ')}` : ''}.`,
    [
      ...unknown.map(role => ({ path: `body/subjects/${role}`, message: 'is not a subject role of this procedure' })),
      ...missing.map(role => ({ path: `body/subjects/${role}`, message: 'is required' }))
    ])
}
