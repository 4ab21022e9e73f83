// Derives what readers see from the merge state: per field the surviving value and its
// provenance, open conflicts, source freshness, tombstone and link keys. Pure.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type {
  ConflictFlag,
  ConflictValue,
  Contribution,
  FieldProvenance,
  SourceFreshness,
  SourceState
} from '../golden-record.js'
import { sourceHolds } from './fold.js'
import { absenceRule, authorityFor, type SurvivorshipRules } from './survivorship.js'
import { deriveLinks } from '../links.js'
import { agreeingGroups, markedSpellingOf } from './value-agreement.js'
import { ID_MISMATCH_LINK, recordWarnings, type RecordWarning } from '../record-warnings.js'
import { resolutionInForce, STEWARD_SYSTEM, type Resolution } from '../steward.js'

export interface ConflictDetail { values: ConflictValue[], since: string, chosenSourceSystem: string }

export interface Derived {
  deleted: boolean
  fields: Record<string, unknown>
  provenance: Record<string, FieldProvenance>
  conflicts: Record<string, ConflictFlag>
  conflictDetails: Record<string, ConflictDetail>
  /** Fields whose conflict a steward's decision settles (steward.ts). */
  resolutions: Record<string, Resolution>
  sources: Record<string, SourceFreshness>
  links: Record<string, string | true>
  warnings: RecordWarning[]
}

interface Candidate { system: string, c: Contribution }

/** Newest source time first; then source system name, then event id, both ascending. */
const newestFirst = (a: Candidate, b: Candidate): number =>
  a.c.sourceTime !== b.c.sourceTime ? (a.c.sourceTime > b.c.sourceTime ? -1 : 1)
    : a.system !== b.system ? (a.system < b.system ? -1 : 1)
      : a.c.eventId < b.c.eventId ? -1 : a.c.eventId > b.c.eventId ? 1 : 0

export function deriveRecord (
  entity: CanonicalEntity, state: Record<string, SourceState>, rules: SurvivorshipRules, entityId = ''
): Derived {
  // The steward is a source of decisions, not of records: it neither holds a record nor has freshness.
  const systems = Object.keys(state).filter(s => s !== STEWARD_SYSTEM).sort()
  const holders = systems.filter(s => sourceHolds(state[s]))
  const out: Derived = {
    deleted: holders.length === 0, fields: {}, provenance: {}, conflicts: {}, conflictDetails: {}, resolutions: {},
    sources: {}, links: {}, warnings: []
  }

  for (const system of systems) {
    const s = state[system]
    const holds = holders.includes(system)
    out.sources[system] = {
      holds,
      sourceTime: s.newestSourceTime,
      ingestTime: s.newestIngestTime,
      connector: s.latest.connector,
      connectorVersion: s.latest.connectorVersion,
      lastEventId: s.latest.eventId,
      ...(!holds && s.lastDelete !== undefined ? { deletedAt: s.lastDelete.sourceTime } : {})
    }
  }

  const absenceFields = Object.keys(rules.absentMeans?.[entity] ?? {})
  const fieldNames = [...new Set([...holders.flatMap(s => Object.keys(state[s].fields)), ...absenceFields])].sort()
  for (const field of fieldNames) {
    // A null value means the source holds no value: it neither survives nor disagrees.
    const candidates: Candidate[] = holders
      .map(system => ({ system, c: state[system].fields[field] }))
      .filter(x => x.c !== undefined && x.c.value !== null)
    const derivedFromAbsence = fromAbsence(entity, field, state, holders, candidates, rules)
    if (derivedFromAbsence !== undefined) candidates.push(derivedFromAbsence)
    if (candidates.length === 0) continue
    const settled = resolutionInForce(state, field, candidates)
    if (settled !== undefined) {
      const { resolution, contribution: c } = settled
      out.fields[field] = resolution.value
      out.provenance[field] = {
        sourceSystem: STEWARD_SYSTEM, sourceKey: c.sourceKey, sourceTime: c.sourceTime, ingestTime: c.ingestTime,
        connector: c.connector, connectorVersion: c.connectorVersion, eventId: c.eventId, rule: 'steward'
      }
      out.resolutions[field] = resolution
      continue
    }
    const authority = authorityFor(rules, entity, field)
    const fromAuthority = candidates.find(x => x.system === authority)
    const newest = [...candidates].sort(newestFirst)
    // A newer bare spelling ('Nguyen Minh Tuan') never replaces the same name written with marks.
    const marked = fromAuthority === undefined ? markedSpellingOf(field, newest.map(x => x.c.value), 0) : undefined
    const chosen = fromAuthority ?? newest[marked ?? 0]
    out.fields[field] = chosen.c.value
    out.provenance[field] = {
      sourceSystem: chosen.system,
      sourceKey: chosen.c.sourceKey,
      sourceTime: chosen.c.sourceTime,
      ingestTime: chosen.c.ingestTime,
      connector: chosen.c.connector,
      connectorVersion: chosen.c.connectorVersion,
      eventId: chosen.c.eventId,
      rule: chosen === derivedFromAbsence
        ? 'derived'
        : fromAuthority !== undefined ? 'authoritative' : marked !== undefined ? 'diacritics' : 'newest'
    }
    const groups = agreeingGroups(field, candidates.map(x => x.c.value))
    if (groups.length > 1) {
      // The disagreement exists since the last of the differing values appeared.
      const since = groups.map(g => g.map(i => candidates[i].c.sourceTime).sort()[0]).sort().at(-1) as string
      out.conflicts[field] = { sourceSystems: candidates.map(x => x.system), since }
      out.conflictDetails[field] = {
        values: candidates.map(x => ({ sourceSystem: x.system, value: x.c.value, since: x.c.sourceTime })),
        since,
        chosenSourceSystem: chosen.system
      }
    }
  }
  out.links = deriveLinks(entity, out.fields)
  out.warnings = recordWarnings(entity, entityId, out.fields)
  if (out.warnings.length > 0) out.links[ID_MISMATCH_LINK] = true
  return out
}

/**
 * The value a register's silence means (survivorship.json `absentMeans`): when the source named
 * holds the record and has no value for the field, e.g. civil status holds the person and no
 * marriage, so the person is single, as the commune's marital-status confirmation reads it. The
 * value is stamped with that source's newest event: the register said so as of then.
 */
function fromAbsence (
  entity: CanonicalEntity,
  field: string,
  state: Record<string, SourceState>,
  holders: string[],
  candidates: Candidate[],
  rules: SurvivorshipRules
): Candidate | undefined {
  const rule = absenceRule(rules, entity, field)
  if (rule === undefined || !holders.includes(rule.source) || candidates.some(x => x.system === rule.source)) {
    return undefined
  }
  const s = state[rule.source]
  const sourceKey = Object.values(s.fields)[0]?.sourceKey ?? ''
  return {
    system: rule.source,
    c: { ...s.latest, value: rule.value, sourceKey, ingestTime: s.newestIngestTime }
  }
}
