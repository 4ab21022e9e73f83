// A data steward's decision on a conflict, as data. The decision travels on the record's own
// canonical topic as the event of one more source system, `steward`, so the merger folds it like
// any source (last writer wins per field), a rebuild replays it, and per-key order holds. Its
// field value is the decision itself: the chosen value plus the values of every source the steward
// saw. The decision stands only while the sources still hold exactly those values: when one of them
// changes the field, the decision no longer applies and the conflict opens again by itself.
import { canonicalJson } from '../infra/shared/canonical-json.js'
import type { CanonicalEntity, CanonicalEvent } from '../schemas/canonical-event.js'
import type { Contribution, Resolution, SourceState } from './golden-record.js'
import { structuredMessage } from '../infra/ports/cloud-event-message.js'
import type { OutgoingMessage } from '../infra/ports/event-log.js'

export const STEWARD_SYSTEM = 'steward'
export const STEWARD_CONNECTOR = 'steward'
export const STEWARD_VERSION = '1.0.0'

/** What a steward decided about one field; stored as that field's value in the steward's register. */
export interface StewardDecision {
  steward: 'resolve' | 'reopen'
  /** resolve: the value the golden record shows from now on. */
  value?: unknown
  /** resolve: the source whose value was picked, when one was (absent: a value the steward entered). */
  chosenSourceSystem?: string
  /** The sources' values the steward decided on; a change in any of them voids the decision. */
  seen: Array<{ sourceSystem: string, value: unknown }>
  legalBasis: string
  note?: string
  /** The operator client that decided. */
  by: string
}

/** What conflict documents and readers see of a decision in force (stored with the conflict). */
export type { Resolution } from './golden-record.js'

const isDecision = (v: unknown): v is StewardDecision => {
  const d = v as StewardDecision | null
  return typeof d === 'object' && d !== null && (d.steward === 'resolve' || d.steward === 'reopen') &&
    Array.isArray(d.seen)
}

const valueSet = (values: Array<{ sourceSystem: string, value: unknown }>): string =>
  values.map(v => `${v.sourceSystem}\u0000${canonicalJson(v.value)}`).sort().join('\u0001')

/**
 * The steward's resolution of a field that still applies to the current candidate values, with
 * the contribution (event, times) it came from; undefined when there is none or it was voided.
 */
export function resolutionInForce (
  state: Record<string, SourceState>, field: string, candidates: Array<{ system: string, c: Contribution }>
): { resolution: Resolution, contribution: Contribution } | undefined {
  const contribution = state[STEWARD_SYSTEM]?.fields[field]
  const decision = contribution?.value
  if (contribution === undefined || !isDecision(decision) || decision.steward !== 'resolve') return undefined
  const now = candidates.map(x => ({ sourceSystem: x.system, value: x.c.value }))
  if (valueSet(decision.seen) !== valueSet(now)) return undefined
  return {
    contribution,
    resolution: {
      by: decision.by,
      at: contribution.sourceTime,
      legalBasis: decision.legalBasis,
      ...(decision.note !== undefined ? { note: decision.note } : {}),
      value: decision.value,
      ...(decision.chosenSourceSystem !== undefined ? { chosenSourceSystem: decision.chosenSourceSystem } : {}),
      eventId: contribution.eventId
    }
  }
}

/** The canonical event carrying a decision on `<entity>:<entityId>:<field>`, made at `at`. */
export interface StewardEventSpec {
  entity: CanonicalEntity,
  entityId: string,
  field: string,
  decision: StewardDecision,
  id: string,
  at: Date
}

export function stewardEvent ({ entity, entityId, field, decision, id, at }: StewardEventSpec): CanonicalEvent {
  const time = at.toISOString()
  return {
    id,
    entity,
    entityId,
    op: 'upsert',
    // The position orders two decisions made in the same millisecond by their ids.
    source: {
      system: STEWARD_SYSTEM, connector: STEWARD_CONNECTOR, connectorVersion: STEWARD_VERSION,
      sourceKey: decision.by, sourceTime: time, ingestTime: time, position: `${time}|${id}`
    },
    fields: { [field]: decision },
    rawEventId: id
  }
}

/** The decision as a message on `canonical.<entity>`: a CloudEvent like every other on the log. */
export function stewardMessage (event: CanonicalEvent, field: string): OutgoingMessage {
  const decision = event.fields[field] as StewardDecision
  return structuredMessage(event.entityId, {
    specversion: '1.0',
    id: event.id,
    source: '/gateway/steward',
    type: `vn.lienthong.conflict.${decision.steward === 'resolve' ? 'resolved' : 'reopened'}`,
    subject: event.entityId,
    time: event.source.sourceTime,
    datacontenttype: 'application/json',
    sourcesystem: STEWARD_SYSTEM,
    connectorid: STEWARD_CONNECTOR,
    connectorversion: STEWARD_VERSION,
    sourcekey: event.source.sourceKey,
    ingesttime: event.source.ingestTime,
    data: event
  }, { 'lt-entity': event.entity })
}
