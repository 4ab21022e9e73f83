// Reading conflicts for a steward, shared by GET /v1/conflicts and the console: filters the store
// can push down, a sealed cursor, values (and a steward's chosen value) projected to the grant,
// conflicts on ungranted fields left out, and the audit read naming the people involved. The
// caller appends that read to the audit log before answering.
import type { Store } from '../../infra/ports/store.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { ConflictDoc } from '../../records/golden-record.js'
import { findConflicts } from '../../records/conflicts.js'
import { readMany } from '../../records/reader.js'
import { linkedPersonIds } from '../../records/links.js'
import type { AccessContext, PersonalDataRead } from '../plugins/access-control.js'
import type { EntityName } from '../security/entities.js'
import { projectFields } from '../security/projection.js'
import { openCursor, sealedPageOf } from '../read/pagination.js'
import { refsFor } from '../security/opaque-refs.js'

export interface ConflictQuery {
  entity: CanonicalEntity, entityId?: string, field?: string, sourceSystem?: string, status?: 'open' | 'resolved',
  limit: number, cursor?: string
}

export type ConflictItem = Pick<ConflictDoc,
  'entity' | 'entityId' | 'field' | 'status' | 'values' | 'since' | 'chosenSourceSystem' |
  'detectedAt' | 'resolvedAt' | 'resolution' | 'recordVersion' | 'signal'> & { id: string }

const isConflictId = (id: string): boolean => /^[a-z-]+:[^:]+:[A-Za-z_][A-Za-z0-9_]*$/.test(id)

/** The conflict's values projected to the granted paths of its field; undefined when none is granted. */
function grantedValues (c: ConflictDoc, granted: readonly string[]): ConflictDoc['values'] | undefined {
  const paths = granted.filter(p => p === c.field || p.startsWith(`${c.field}.`))
  if (paths.length === 0) return undefined
  return c.values.map(v => ({ ...v, value: projectFields({ [c.field]: v.value }, paths).data[c.field] ?? null }))
}

/** One value of the conflict's field, projected as its sources' values are. */
const projected = (c: ConflictDoc, value: unknown, granted: readonly string[]): unknown =>
  grantedValues({ ...c, values: [{ sourceSystem: '', value, since: '' }] }, granted)?.[0].value ?? null

export interface ConflictPage { read: PersonalDataRead, data: ConflictItem[], next: string | null }

export async function listConflicts (store: Store, access: AccessContext, query: ConflictQuery): Promise<ConflictPage> {
  const { entity, entityId, field, sourceSystem, status, limit, cursor } = query
  const granted = await access.grantedFields(entity as EntityName)
  // Sealed: a conflict id names the record (often a personal id); the cursor opens only on this entity's list.
  const refs = await refsFor(store)
  const scope = `conflicts:${entity}`
  const after = cursor === undefined ? undefined : openCursor(refs, scope, cursor, isConflictId)
  // One more than asked tells whether another page exists.
  const docs = await findConflicts(store, { entity, entityId, field, status, sourceSystem },
    { after, limit: limit + 1 })
  const page = sealedPageOf(refs, scope, docs, limit, d => d._id)
  const shown = page.items.flatMap(c => {
    const values = grantedValues(c, granted)
    if (values === undefined) return []
    // The steward's chosen value is shown as much as the sources' values are.
    const resolution = c.resolution === undefined
      ? {}
      : { resolution: { ...c.resolution, value: projected(c, c.resolution.value, granted) } }
    return [{ ...c, values, ...resolution }]
  })
  // Subjects: the people the records are about, and any a conflicting value names.
  const records = await readMany(store, entity, shown.map(c => c.entityId))
  const subjects = shown.flatMap(c => {
    const fields = records.get(c.entityId)?.fields ?? {}
    return [
      ...(entity === 'person' ? [c.entityId] : linkedPersonIds(entity, fields)),
      ...c.values.flatMap(v => linkedPersonIds(entity, { [c.field]: v.value }))
    ]
  })
  const returned = [...new Set(shown.flatMap(c =>
    granted.filter(p => p === c.field || p.startsWith(`${c.field}.`))))].sort()
  return {
    read: { entity: entity as EntityName, subjects: [...new Set(subjects)].sort(), fields: returned },
    data: shown.map(({ _id, version: _version, involves: _involves, sourceSystems: _systems, ...rest }) =>
      ({ id: _id, ...rest }) as ConflictItem),
    next: page.next
  }
}
