// A record's view at one version, derived from its merge state: what the golden record holds and
// what asOf answers. One function, so the merger and the history fold cannot derive differently.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { SourceState, StoredView } from '../golden-record.js'
import { encodeProvenance } from '../provenance-codec.js'
import { deriveRecord, type Derived } from './derive.js'
import type { SurvivorshipRules } from './survivorship.js'

export interface VersionOf { version: number, validFrom: string }

export function viewAt (
  entity: CanonicalEntity, entityId: string, state: Record<string, SourceState>, rules: SurvivorshipRules, {
    version,
    validFrom
  }: VersionOf
): { view: StoredView, derived: Derived } {
  const derived = deriveRecord(entity, state, rules, entityId)
  const view: StoredView = {
    entity, entityId, version, deleted: derived.deleted, fields: derived.fields, provenance: encodeProvenance(
      derived.provenance
    ),
    conflicts: derived.conflicts, sources: derived.sources, links: derived.links, validFrom,
    ...(derived.warnings.length > 0 ? { warnings: derived.warnings } : {})
  }
  return { view, derived }
}
