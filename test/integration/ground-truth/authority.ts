// Test helper: which of the first five departments makes a golden field (survivorship.json), so a
// comparison per entity can be reported per source. Its own file: compare.ts and explain-miss.ts both
// need it, and explain-miss.ts already imports compare.ts's types.
import type { DepartmentId } from '../../../sim/city/departments.js'
import type { CanonicalEntity } from '../../../schemas/canonical-event.js'

const RESIDENCE_FIELDS = new Set(['householdId', 'relationToHead', 'permanentAddress', 'temporaryAddress'])

/** The department whose record makes this field of this entity (survivorship.json). */
export function authority (miss: { entity: CanonicalEntity, field: string }): DepartmentId {
  switch (miss.entity) {
    case 'person': return RESIDENCE_FIELDS.has(miss.field.split('.')[0]) ? 'residence' : 'civil-status'
    case 'household': return 'residence'
    case 'land-parcel': case 'land-use-certificate': return 'land'
    case 'health-insurance-card': return 'bhyt'
    case 'business-household': return 'business'
  }
  throw new Error(`no department of the first five makes ${miss.entity}.${miss.field}`)
}
