// `fields=`: the client names the field paths it needs (data minimization on the client's side).
// The selection must be known (400 LT_ERR_FIELD_UNKNOWN, naming the path) and covered by the grant:
// a path the grant does not cover is refused with 403 LT_ERR_FIELD_NOT_GRANTED naming it, never
// silently dropped, so a client cannot mistake "not granted" for "no value" (docs/api.md).
import { ApiProblem } from '../problem.js'
import { grantableEntities, type EntityName } from '../security/entities.js'

export const MAX_SELECTED_FIELDS = 64

export const fieldsParamSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 2000,
  pattern: '^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?(,[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?)*$',
  description: 'Comma-separated field paths to return (`fullName`, `permanentAddress.wardCode`); ' +
    'each must be covered by your grant. Default: every granted field.',
  examples: ['fullName,birthDate,permanentAddress.wardCode']
} as const

/** A path is covered when it, or the object it sits in, is granted. */
const covered = (path: string, granted: readonly string[]): boolean =>
  granted.includes(path) || (path.includes('.') && granted.includes(path.split('.')[0]))

/** The field paths to project to: the granted ones, or the requested ones when `fields=` is given. */
export function selectFields (
  entity: EntityName, granted: readonly string[], requested: string | undefined, where = 'querystring/fields'
): string[] {
  if (requested === undefined) return [...granted].sort()
  const paths = [...new Set(requested.split(','))]
  if (paths.length > MAX_SELECTED_FIELDS) {
    throw new ApiProblem(400, 'LT_ERR_VALIDATION', 'Too many fields',
      `At most ${MAX_SELECTED_FIELDS} field paths may be selected.`,
      [{ path: where, message: `has more than ${MAX_SELECTED_FIELDS} paths` }])
  }
  const known: readonly string[] = grantableEntities[entity].fields
  const unknown = paths.filter(p => !known.includes(p))
  if (unknown.length > 0) {
    throw new ApiProblem(400, 'LT_ERR_FIELD_UNKNOWN', 'Unknown field',
      `Entity '${entity}' has no field ${unknown.map(p => `'${p}'`).join(', ')}; GET /v1/admin/entities lists them.`,
      unknown.map(p => ({ path: where, message: `unknown field '${p}'` })))
  }
  const ungranted = paths.filter(p => !covered(p, granted))
  if (ungranted.length > 0) {
    throw new ApiProblem(403, 'LT_ERR_FIELD_NOT_GRANTED', 'Field not granted for this purpose',
      `Your grant for this purpose on entity '${entity}' does not cover ${ungranted.map(p => `'${p}'`).join(', ')}.`,
      ungranted.map(p => ({ path: where, message: `field '${p}' is not granted` })))
  }
  return paths.sort()
}
