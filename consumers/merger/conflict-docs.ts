// Turns a batch's conflict steps into conflict documents: opened (or reopened) when sources
// disagree, updated while they keep disagreeing, resolved when they agree again.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { StoredDoc, VersionedWrite } from '../../infra/ports/store.js'
import { conflictId, type ConflictDoc } from '../../records/golden-record.js'
import type { ConflictStep } from './merge-key.js'

export interface KeyedSteps { entity: CanonicalEntity, entityId: string, steps: ConflictStep[] }

export const conflictIds = (batch: KeyedSteps[]): string[] =>
  [...new Set(batch.flatMap(k => k.steps.map(s => conflictId(k.entity, k.entityId, s.field))))]

export function conflictWrites (batch: KeyedSteps[], current: Map<string, StoredDoc>): VersionedWrite[] {
  const next = new Map<string, ConflictDoc>()
  for (const { entity, entityId, steps } of batch) {
    for (const step of steps) {
      const id = conflictId(entity, entityId, step.field)
      const prev = next.get(id) ?? current.get(id) as ConflictDoc | undefined
      const base = { version: (current.get(id)?.version ?? 0) + 1 }
      if (step.detail !== undefined) {
        const sourceSystems = step.detail.values.map(v => v.sourceSystem)
        next.set(id, {
          _id: id, ...base, entity, entityId, field: step.field, status: 'open',
          values: step.detail.values, sourceSystems,
          involves: Object.fromEntries(sourceSystems.map(s => [s.replace(/-/g, '_'), true])),
          since: step.detail.since, chosenSourceSystem: step.detail.chosenSourceSystem,
          detectedAt: prev?.status === 'open' ? prev.detectedAt : step.validFrom,
          recordVersion: step.recordVersion
        })
      } else if (prev !== undefined && prev.status === 'open') {
        next.set(id, { ...prev, ...base, status: 'resolved', resolvedAt: step.validFrom, recordVersion: step.recordVersion })
      }
    }
  }
  return [...next.values()].map(doc => ({ doc, expectedVersion: current.get(doc._id)?.version ?? null }))
}
