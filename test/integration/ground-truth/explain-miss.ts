// Test helper: the reason for one field that does not match the truth, from the truth's own
// injection lines. 'unexplained …' when none applies: that is a defect to look at.
import type { TruthEntry } from '../../../sim/city/truth.js'
import type { ExpectedRecord } from './expected.js'
import type { Miss, TruthInjections } from './compare.js'

export function explainMiss (miss: Omit<Miss, 'reason'>, record: ExpectedRecord, ix: TruthInjections, truth: TruthEntry[]): string {
  const invalid = record.entityKeys.flatMap(k => ix.invalid.get(k) ?? [])
  const variants = record.entityKeys.flatMap(k => ix.variants.get(k) ?? [])
  const conflicts = record.entityKeys.flatMap(k => ix.conflicts.get(k) ?? [])
  return `unexplained: ${miss.kind}; invalid ${invalid.map(i => `${i.department}/${i.reason}/${i.field}`).join(',') || '-'}; variants ${variants.map(v => `${v.department}/${v.kind}`).join(',') || '-'}; conflicts ${conflicts.map(c => `${c.department}/${c.field}`).join(',') || '-'}`
}
