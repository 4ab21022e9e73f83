// The steward's decisions on a conflict, shared by the API route and the console: check the
// conflict and the input, then publish the decision on the record's canonical topic for the merger
// to fold (records/steward.ts). Nothing is written to the store here: the decision is data
// on the log, so it survives a rebuild like every other source's events.
import { randomUUID } from 'node:crypto'
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { canonicalEntities, canonicalTopic, type CanonicalEntity } from '../../schemas/canonical-event.js'
import type { ConflictDoc } from '../../records/golden-record.js'
import { linkedPersonIds } from '../../records/links.js'
import { readCurrent } from '../../records/reader.js'
import { stewardEvent, stewardMessage, type StewardDecision } from '../../records/steward.js'
import { ApiProblem } from '../problem.js'

export interface ResolutionInput {
  /** Pick this source's current value … */
  sourceSystem?: string
  /** … or enter a value. Exactly one of the two. */
  value?: unknown
  legalBasis: string
  note?: string
}

export interface ReopenInput { note: string, legalBasis?: string }

export interface Decided {
  conflictId: string, eventId: string, entity: CanonicalEntity, entityId: string, field: string
  /** The people the record is about: the audit entry names them. */
  subjects: string[]
}

const MAX_VALUE_BYTES = 4096

export const conflictIdPattern = '^[a-z-]+:[^:]+:[A-Za-z_][A-Za-z0-9_]*$'

/** `<entity>:<entityId>:<field>` split, or a 404 for an id no conflict can have. */
export function parseConflictId (id: string): { entity: CanonicalEntity, entityId: string, field: string } {
  const parts = new RegExp(conflictIdPattern).test(id) ? id.split(':') : []
  const entity = canonicalEntities.find(e => e === parts[0])
  if (entity === undefined || parts.length !== 3) throw notFound(id)
  return { entity, entityId: parts[1], field: parts[2] }
}

/** The id names the record, often a personal id: the answer keeps only its ends. */
const notFound = (id: string): ApiProblem => {
  const shown = id.replace(/\d{9,}/g, m => `${m.slice(0, 3)}…${m.slice(-3)}`)
  return new ApiProblem(404, 'LT_ERR_NOT_FOUND', 'Not found', `No conflict '${shown}'.`)
}

/** 400 LT_ERR_VALIDATION with where it went wrong. */
const invalid = (detail: string, path: string, message: string): ApiProblem =>
  new ApiProblem(400, 'LT_ERR_VALIDATION', 'The request is not valid', detail, [{ path, message }])

/** The conflict, refused unless the decider's grant covers its whole field. */
export async function readConflict (store: Store, id: string, granted: readonly string[]): Promise<ConflictDoc> {
  const { field } = parseConflictId(id)
  if (!granted.includes(field)) {
    throw new ApiProblem(403, 'LT_ERR_FORBIDDEN', 'No grant for this field',
      `Deciding a conflict needs a grant on the whole field '${field}'.`,
      [{ path: 'grant', message: `missing field ${field}` }])
  }
  const doc = await store.get('conflicts', id) as ConflictDoc | undefined
  if (doc === undefined) throw notFound(id)
  return doc
}

/** The API's body schema says the same; the console's forms come here without it. */
function textOf (value: string | undefined, name: string, max: number): void {
  const length = (value ?? '').trim().length
  if (length < 3 || length > max) {
    throw invalid(`${name} needs 3 to ${max} characters.`, `/body/${name}`, `must have 3 to ${max} characters`)
  }
}

export interface StewardDeps { store: Store, eventLog: EventLog, now?: () => Date }

export function createStewardDecisions ({ store, eventLog, now = () => new Date() }: StewardDeps) {
  async function publish (doc: ConflictDoc, decision: StewardDecision): Promise<Decided> {
    const id = `steward:${randomUUID()}`
    const event = stewardEvent({
      entity: doc.entity, entityId: doc.entityId, field: doc.field, decision, id, at: now()
    })
    await eventLog.publish(canonicalTopic(doc.entity), [stewardMessage(event, doc.field)])
    const { entity, entityId, field } = doc
    return { conflictId: doc._id, eventId: id, entity, entityId, field, subjects: await subjectsOf(doc) }
  }

  async function subjectsOf (doc: ConflictDoc): Promise<string[]> {
    if (doc.entity === 'person') return [doc.entityId]
    return linkedPersonIds(doc.entity, (await readCurrent(store, doc.entity, doc.entityId))?.fields ?? {})
  }

  return {
    /** Settles an open conflict with a source's value or an entered one. */
    async resolve (id: string, by: string, granted: readonly string[], input: ResolutionInput): Promise<Decided> {
      const doc = await readConflict(store, id, granted)
      if (doc.status !== 'open') {
        throw new ApiProblem(409, 'LT_ERR_CONFLICT_NOT_OPEN', 'The conflict is not open',
          'Only an open conflict can be resolved; reopen it first.')
      }
      // A signal (records/signals/) is not a choice between values: the owning department ends the
      // benefit with its own decision, and the signal closes when its record says so.
      if (doc.signal !== undefined) {
        throw new ApiProblem(409, 'LT_ERR_CONFLICT_IS_SIGNAL', 'A signal is settled at its source',
          `This conflict is the signal '${doc.signal}': it closes when ${doc.chosenSourceSystem} ` +
            'ends the record in its own system (docs/signals.md).')
      }
      textOf(input.legalBasis, 'legalBasis', 500)
      const picked = input.sourceSystem !== undefined
      if (picked === (input.value !== undefined)) {
          throw invalid('Give either sourceSystem or value, not both and not neither.', '/body',
            'needs exactly one of sourceSystem, value')
      }
      const chosen = picked ? doc.values.find(v => v.sourceSystem === input.sourceSystem) : undefined
      if (picked && chosen === undefined) {
        throw invalid(`Source '${input.sourceSystem ?? ''}' holds no value in this conflict.`, '/body/sourceSystem',
          `must be one of ${doc.values.map(v => v.sourceSystem).join(', ')}`)
      }
      const value = chosen !== undefined ? chosen.value : input.value
      if (value === null || Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES) {
          throw invalid(`The value must not be null and at most ${MAX_VALUE_BYTES} bytes as JSON.`, '/body/value',
            'is null or too large')
      }
      return await publish(doc, {
        steward: 'resolve',
        value,
        ...(chosen !== undefined ? { chosenSourceSystem: chosen.sourceSystem } : {}),
        seen: doc.values.map(v => ({ sourceSystem: v.sourceSystem, value: v.value })),
        legalBasis: input.legalBasis,
        ...(input.note !== undefined && input.note !== '' ? { note: input.note } : {}),
        by
      })
    },
    /** Withdraws a steward's resolution: the conflict opens again while the sources still disagree. */
    async reopen (id: string, by: string, granted: readonly string[], input: ReopenInput): Promise<Decided> {
      const doc = await readConflict(store, id, granted)
      if (doc.status !== 'resolved' || doc.resolution === undefined) {
        throw new ApiProblem(409, 'LT_ERR_CONFLICT_NOT_RESOLVED', 'Not resolved by a steward',
          'Only a conflict a steward resolved can be reopened.')
      }
      textOf(input.note, 'note', 2000)
      return await publish(doc, {
        steward: 'reopen', seen: [], legalBasis: input.legalBasis ?? '', note: input.note, by
      })
    }
  }
}

export type StewardDecisions = ReturnType<typeof createStewardDecisions>
