// Conflict documents as readers list them: by entity, narrowed by record, field, status or a source
// system involved, in `_id` order, page by page.
import type { FieldValue, Store } from '../infra/ports/store.js'
import type { CanonicalEntity } from '../schemas/canonical-event.js'
import { involvesField, type ConflictDoc } from './golden-record.js'

export interface ConflictFilter {
  entity: CanonicalEntity
  entityId?: string
  field?: string
  status?: ConflictDoc['status']
  sourceSystem?: string
}

/** Up to `limit` conflicts matching the filter after the conflict id `after`. */
export async function findConflicts (
  store: Store, filter: ConflictFilter, { after, limit }: { after?: string, limit: number }
): Promise<ConflictDoc[]> {
  const { entity, entityId, field, status, sourceSystem } = filter
  const where: Record<string, FieldValue> = { entity }
  if (entityId !== undefined) where.entityId = entityId
  if (field !== undefined) where.field = field
  if (status !== undefined) where.status = status
  if (sourceSystem !== undefined) where[involvesField(sourceSystem)] = true
  const from = after !== undefined ? { after: { value: after, id: after } } : {}
  return await store.find('conflicts', { where, orderBy: { field: '_id' }, limit, ...from }) as ConflictDoc[]
}
