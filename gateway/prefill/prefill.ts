// Fills a procedure's form from golden records: for each form field, the value, the source that
// gave it and when, a flag where sources disagree or the source has not confirmed the value within
// the procedure's threshold, and the list of what the clerk must still ask the citizen. Reads go through the
// readers given (already bound to the store) and access control's field grants; nothing here
// touches the store or the request directly.
import type { RecordView } from '../../records/golden-record.js'
import { releasedWarnings } from '../../records/record-warnings.js'
import type { EntityName } from '../security/entities.js'
import type { ProcedureTemplate, TemplateField } from './procedure-template.js'
import type { prefillResponseSchema, prefillSourceSchema } from './prefill-response-schema.js'
import type { SchemaType } from '../schema-type.js'

export interface PrefillReaders {
  person: (personalId: string) => Promise<RecordView | undefined>
  household: (householdId: string) => Promise<RecordView | undefined>
  cardsOf: (personalId: string) => Promise<RecordView[]>
  parcelsOf: (personalId: string) => Promise<RecordView[]>
  businessesOf: (personalId: string) => Promise<RecordView[]>
  /**
   * When a connector last synced successfully (a poll that read every stream, or a push): a sync
   * that brought no change to a value confirms it still holds. Undefined when unknown.
   */
  lastSyncOf?: (connectorId: string) => Promise<string | undefined>
}

/** One source of a filled value: who gave it, when it changed there, when the hub last had it confirmed. */
export type FieldSource = SchemaType<typeof prefillSourceSchema>

/** The answer of POST /v1/prefill, as its schema declares it. */
export type PrefillResponse = SchemaType<typeof prefillResponseSchema>

/** One form field: filled (value, source, conflict and staleness flags, warnings) or to ask, with why. */
export type PrefilledField = PrefillResponse['fields'][number]

export interface PrefillResult extends PrefillResponse {
  /** What was read, per entity, for the audit entry. */
  reads: Array<{ entity: EntityName, subjects: string[], fields: string[] }>
}

const entityOfPrefix: Record<string, EntityName> = {
  person: 'person',
  household: 'household',
  'health-insurance-card': 'health-insurance-card',
  'land-parcel[]': 'land-parcel',
  'business-household[]': 'business-household'
}

export async function prefill (
  template: ProcedureTemplate,
  subjects: Record<string, string>,
  readers: PrefillReaders,
  grantedFields: (entity: EntityName) => Promise<readonly string[]>,
  now: Date
): Promise<PrefillResult> {
  const staleBefore = new Date(now.getTime() - template.maxAgeDays * 86400_000).toISOString()
  // Reads are memoized as promises: fields are filled concurrently, and every field of one record
  // (or one list of linked records) shares a single read.
  const memo = new Map<string, Promise<unknown>>()
  const once = async <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, read())
    return await (memo.get(key) as Promise<T>)
  }
  const person = async (id: string): Promise<RecordView | undefined> =>
    await once(`person:${id}`, async () => await readers.person(id))
  const lastSync = async (connectorId: string): Promise<string | undefined> =>
    readers.lastSyncOf === undefined
      ? undefined
      : await once(`sync:${connectorId}`, async () => await readers.lastSyncOf?.(connectorId))
  const granted = async (entity: EntityName): Promise<Set<string>> =>
    await once(`grant:${entity}`, async () => new Set(await grantedFields(entity)))
  const reads = new Map<EntityName, { subjects: Set<string>, fields: Set<string> }>()
  const noteRead = (entity: EntityName, ids: string[], field: string): void => {
    const r = reads.get(entity) ?? { subjects: new Set(), fields: new Set() }
    ids.forEach(id => r.subjects.add(id))
    r.fields.add(field)
    reads.set(entity, r)
  }

  async function recordsFor (prefix: string, personalId: string): Promise<RecordView[] | 'no-person'> {
    return await once(`records:${prefix}:${personalId}`, async () => await readRecordsFor(prefix, personalId))
  }

  async function readRecordsFor (prefix: string, personalId: string): Promise<RecordView[] | 'no-person'> {
    const p = await person(personalId)
    if (p === undefined || p.deleted) return 'no-person'
    switch (prefix) {
      case 'person': return [p]
      case 'household': {
        const hh = typeof p.fields.householdId === 'string' ? await readers.household(p.fields.householdId) : undefined
        return hh === undefined || hh.deleted ? [] : [hh]
      }
      case 'health-insurance-card':
        return newestFirst((await readers.cardsOf(personalId)).filter(r => !r.deleted), 'validTo').slice(0, 1)
      case 'land-parcel[]': return (await readers.parcelsOf(personalId)).filter(r => !r.deleted)
      default: return (await readers.businessesOf(personalId)).filter(r => !r.deleted)
    }
  }

  async function fill (field: TemplateField): Promise<PrefilledField> {
    const base = {
      id: field.id,
      label: field.label,
      ...(field.subject !== undefined ? { subject: field.subject } : {}),
      ...(field.path !== undefined ? { path: field.path } : {})
    }
    if (field.path === undefined) return { ...base, status: 'ask', reason: field.ask ?? 'not held by the hub' }
    const personalId = subjects[field.subject as string]
    if (personalId === undefined) return { ...base, status: 'ask', reason: `no ${field.subject ?? 'subject'} given` }
    const [prefix, name] = field.path.split(/\.(?=[a-zA-Z][a-zA-Z0-9]*$)/)
    const entity = entityOfPrefix[prefix]
    // Checked before reading: a field the client may not see for this purpose is never read.
    if (!(await granted(entity)).has(name)) return {
      ...base,
      status: 'ask',
      reason: 'not granted to this client for this procedure'
    }
    const records = await recordsFor(prefix, personalId)
    if (records === 'no-person') return { ...base, status: 'ask', reason: 'the hub holds no record of this person' }
    const holding = records.filter(r => r.fields[name] !== undefined && r.fields[name] !== null)
    if (holding.length === 0) return { ...base, status: 'ask', reason: 'no source holds this value' }
    // The audit names citizens: the subject whose (linked) data this is.
    noteRead(entity, [personalId], name)
    const sourceOf = async (r: RecordView): Promise<FieldSource> => {
      const p = r.provenance[name]
      const ingestTime = p?.ingestTime ?? r.validFrom
      const synced = p?.connector !== undefined ? await lastSync(p.connector) : undefined
      const confirmedAt = synced !== undefined && synced > ingestTime ? synced : ingestTime
      return {
        sourceSystem: p?.sourceSystem ?? 'unknown',
        sourceTime: p?.sourceTime ?? r.validFrom,
        ingestTime,
        confirmedAt
      }
    }
    const sources = await Promise.all(holding.map(sourceOf))
    const conflicts = holding.map(r => r.conflicts[name]).filter(c => c !== undefined)
    const many = prefix.endsWith('[]')
    const grantedHere = await granted(entity)
    const warnings = holding.flatMap(r => releasedWarnings(r.warnings, grantedHere))
      .filter(w => w.fields.includes(name))
    return {
      ...base,
      status: 'filled',
      value: many ? holding.map(r => r.fields[name]) : holding[0].fields[name],
      source: many ? sources : sources[0],
      ...(conflicts.length > 0
        ? {
            conflict: {
              sourceSystems: [...new Set(conflicts.flatMap(c => c.sourceSystems))].sort(),
              since: conflicts.map(c => c.since).sort()[0]
            }
          }
        : {}),
      // Stale: the source has not confirmed the value lately, however long ago it last changed.
      ...(sources.some(s => s.confirmedAt < staleBefore) ? { stale: true } : {}),
      ...(warnings.length > 0 ? { warnings } : {})
    }
  }

  // Concurrent, but in template order: the reads of different subjects and records overlap.
  const fields = await Promise.all(template.fields.map(fill))
  return {
    procedureCode: template.code,
    title: template.title,
    subjects,
    fields,
    toAsk: fields.filter(f => f.status === 'ask').map(f => ({ id: f.id, label: f.label, reason: f.reason as string })),
    reads: [...reads].map(([entity, r]) => ({ entity, subjects: [...r.subjects].sort(), fields: [...r.fields].sort() }))
  }
}

function newestFirst (records: RecordView[], field: string): RecordView[] {
  return [...records].sort((a, b) => String(b.fields[field] ?? '').localeCompare(String(a.fields[field] ?? '')))
}
