// Warnings about a golden record as a whole: facts the merged fields contradict without any one
// source being wrong on its own. The 12-digit personal id encodes the century and sex (one digit)
// and the last two digits of the birth year (Decree 137/2015 art. 13); whether every new number
// still follows that layout is unverified, so a contradiction is a warning, never a rejection.
import type { CanonicalEntity } from '../schemas/canonical-event.js'
import { checkPersonalIdAgainst } from '../schemas/vietnam/personal-id.js'

export interface RecordWarning {
  code: string
  /** The fields that contradict each other: a reader sees the warning only when granted all of them. */
  fields: string[]
  message: string
}

/** Link key set on persons with an id warning, so operators can count them with one equality find. */
export const ID_MISMATCH_LINK = 'idMismatch'

const fieldsOf: Record<string, string[]> = {
  LT_WARN_ID_CENTURY_MISMATCH: ['personalId', 'birthDate'],
  LT_WARN_ID_BIRTH_YEAR_MISMATCH: ['personalId', 'birthDate'],
  LT_WARN_ID_SEX_MISMATCH: ['personalId', 'sex']
}

export function recordWarnings (
  entity: CanonicalEntity, entityId: string, fields: Record<string, unknown>
): RecordWarning[] {
  if (entity !== 'person') return []
  const id = typeof fields.personalId === 'string' ? fields.personalId : entityId
  if (!/^\d{12}$/.test(id)) return []
  const birthDate = typeof fields.birthDate === 'string' ? fields.birthDate : undefined
  const sex = fields.sex === 'male' || fields.sex === 'female' ? fields.sex : undefined
  return checkPersonalIdAgainst(id, { birthDate, sex })
    .filter(w => fieldsOf[w.code] !== undefined)
    .map(w => ({ code: w.code, fields: fieldsOf[w.code], message: w.message }))
}

/** The warnings a reader granted `released` fields may see. */
export const releasedWarnings = (
  warnings: readonly RecordWarning[] | undefined, released: ReadonlySet<string>
): RecordWarning[] =>
  (warnings ?? []).filter(w => w.fields.every(f => released.has(f)))
