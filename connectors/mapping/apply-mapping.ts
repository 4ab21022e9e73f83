// Applies a declarative mapping to one raw record. Pure: the same record and mapping always give
// the same canonical output, so a dry run shows exactly what ingestion would do.
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import type { ConnectorMapping, EntityRule, FieldRule } from './mapping-schema.js'
import { transforms, type TransformName, type TransformResult } from './transforms.js'
import { isPresent, readPath } from './read-path.js'

export interface MappingIssue { path: string, code: string, message: string }

/**
 * A person a field names by a legacy key: `field` gets the personal id once the key is linked,
 * added to the list when `list` (the field is a list of ids), else set.
 */
export interface LegacyRef { field: string, kind: 'cmnd', value: string, list?: true }

export interface MappedEntity {
  entity: CanonicalEntity
  /** Canonical id; absent when only a legacy key was found (see legacyKey). */
  entityId?: string
  legacyKey?: { kind: 'cmnd', value: string }
  /** People named by a legacy key in a field that holds personal ids, for the normalizer to link. */
  legacyRefs?: LegacyRef[]
  fields: Record<string, unknown>
  warnings: MappingIssue[]
}

export type MappingOutcome =
  | { ok: true, deleted: boolean, entities: MappedEntity[] }
  | { ok: false, errors: MappingIssue[] }

export function applyMapping (mapping: ConnectorMapping, stream: string, raw: unknown): MappingOutcome {
  const rules = mapping.streams.find(s => s.stream === stream)
  if (rules === undefined) {
    return {
      ok: false,
      errors: [{ path: '/', code: 'LT_ERR_MAPPING_STREAM', message: `the mapping has no stream '${stream}'` }]
    }
  }
  const deleted = rules.deleteWhen !== undefined && readPath(raw, rules.deleteWhen.from) === rules.deleteWhen.equals
  const errors: MappingIssue[] = []
  const entities: MappedEntity[] = []
  for (const rule of rules.entities) {
    if (rule.each !== undefined) {
      if (deleted) continue
      const list = readPath(raw, rule.each)
      ;(Array.isArray(list) ? list : []).forEach((element, i) => {
        if (!applies(rule, element)) return
        const found: MappingIssue[] = []
        const mapped = mapEntity(rule, element, false, found)
        errors.push(...found.map(e => ({ ...e, path: `${rule.each as string}[${i}].${e.path}` })))
        if (mapped !== undefined) entities.push(mapped)
      })
      continue
    }
    if (!applies(rule, raw)) continue
    const mapped = mapEntity(rule, raw, deleted, errors)
    if (mapped !== undefined) entities.push(mapped)
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, deleted, entities }
}

function applies (rule: EntityRule, raw: unknown): boolean {
  if (rule.when === undefined) return true
  const v = readPath(raw, rule.when.from)
  return rule.when.equals === undefined ? isPresent(v) : v === rule.when.equals
}

function mapEntity (
  rule: EntityRule, raw: unknown, deleted: boolean, errors: MappingIssue[]
): MappedEntity | undefined {
  const warnings: MappingIssue[] = []
  const out: MappedEntity = { entity: rule.entity, fields: {}, warnings }
  const idRaw = readJoined(raw, rule.id.from, rule.id.joinFrom)
  if (isPresent(idRaw)) {
    const id = run(idRaw, rule.id.transform, rule.id.from, errors, warnings)
    if (id === undefined) return undefined
    out.entityId = String(id)
  } else if (rule.id.fallback !== undefined && isPresent(readPath(raw, rule.id.fallback.from))) {
    const legacy = run(
      readPath(raw, rule.id.fallback.from), rule.id.fallback.transform, rule.id.fallback.from, errors, warnings
    )
    if (legacy === undefined) return undefined
    out.legacyKey = { kind: rule.id.fallback.kind, value: String(legacy) }
  } else {
    errors.push({
      path: rule.id.from,
      code: 'LT_ERR_MAPPING_ID_MISSING',
      message: `no ${rule.entity} id at '${rule.id.from}'`
    })
    return undefined
  }
  // A delete needs only the id; its fields say nothing.
  if (deleted) return out
  for (const field of rule.fields) {
    mapField(field, raw, out.fields, errors, warnings)
    const refs = 'legacy' in field ? legacyRefs(field, raw, out.fields, errors, warnings) : []
    if (refs.length > 0) out.legacyRefs = [...(out.legacyRefs ?? []), ...refs]
  }
  return out
}

function legacyRefs (
  field: FieldRule, raw: unknown, mapped: Record<string, unknown>, errors: MappingIssue[], warnings: MappingIssue[]
): LegacyRef[] {
  const legacy = field.legacy
  if (legacy === undefined) return []
  const value = readPath(raw, legacy.from)
  if (!isPresent(value)) return []
  const list = Array.isArray(value)
  // A single field takes its legacy key only when the record gave no personal id.
  if (!list && isPresent(readPath(mapped, field.to))) return []
  const keys = (list ? value : [value]).map(
    (v, i) => run(v, legacy.transform, list ? `${legacy.from}[${i}]` : legacy.from, errors, warnings)
  )
  return keys.filter(k => k !== undefined).map(
    k => ({ field: field.to, kind: legacy.kind, value: String(k), ...(list ? { list: true as const } : {}) })
  )
}

/** The value at `from`, with the value at `joinFrom` after a hyphen when given; absent if either is. */
function readJoined (raw: unknown, from: string, joinFrom: string | undefined): unknown {
  const value = readPath(raw, from)
  if (joinFrom === undefined || !isPresent(value)) return value
  const second = readPath(raw, joinFrom)
  return isPresent(second) ? `${String(value)}-${String(second)}` : undefined
}

function mapField (
  field: FieldRule, raw: unknown, target: Record<string, unknown>, errors: MappingIssue[], warnings: MappingIssue[]
): void {
  if ('const' in field && field.const !== undefined) { setField(target, field.to, field.const); return }
  const from = field.from as string
  if (field.to.includes('[]')) { mapListField(field, raw, target, errors, warnings); return }
  const value = readJoined(raw, from, field.joinFrom)
  if (!isPresent(value)) {
    if (field.required === true) {
      errors.push({ path: from, code: 'LT_ERR_MAPPING_REQUIRED', message: `'${from}' is required for ${field.to}` })
    }
    return
  }
  const mapped = Array.isArray(value)
    ? collect(value.map((v, i) => run(v, field.transform, `${from}[${i}]`, errors, warnings)))
    : run(value, field.transform, from, errors, warnings)
  if (mapped !== undefined) setField(target, field.to, mapped)
}

/**
 * `to: 'classes[].class'` from `from: 'CAC_HANG[].HANG'`: element i of the raw list fills element i of
 * the canonical list, so the fields of one element stay together. An empty value, or one a transform
 * leaves out (a printed class equal to the current one), leaves that element's field absent.
 */
function mapListField (
  field: FieldRule, raw: unknown, target: Record<string, unknown>, errors: MappingIssue[], warnings: MappingIssue[]
): void {
  const [listPath, inner] = (field.from as string).split('[].')
  const list = readPath(raw, listPath)
  const [head, tail] = field.to.split('[].')
  if (!Array.isArray(list) || list.length === 0) {
    if (field.required === true) {
      errors.push({ path: listPath, code: 'LT_ERR_MAPPING_REQUIRED', message: `'${listPath}' is required for ${head}` })
    }
    return
  }
  const out = (Array.isArray(target[head]) ? target[head] : list.map(() => ({}))) as Array<Record<string, unknown>>
  list.forEach((element, i) => {
    const path = `${listPath}[${i}].${inner}`
    const value = readPath(element, inner)
    if (!isPresent(value)) {
      if (field.required === true) {
        errors.push({ path, code: 'LT_ERR_MAPPING_REQUIRED', message: `'${path}' is required for ${field.to}` })
      }
      return
    }
    const mapped = run(value, field.transform, path, errors, warnings)
    if (mapped !== undefined && out[i] !== undefined) out[i][tail] = mapped
  })
  target[head] = out
}

const collect = (values: unknown[]): unknown[] | undefined => values.includes(undefined) ? undefined : values

function run (
  value: unknown,
  chain: readonly TransformName[] | undefined,
  path: string,
  errors: MappingIssue[],
  warnings: MappingIssue[]
): unknown {
  let current = value
  for (const name of chain ?? []) {
    const r: TransformResult = transforms[name](current)
    if (!r.ok) { errors.push({ path, code: r.code, message: r.message }); return undefined }
    if (r.warning !== undefined) warnings.push({ path, ...r.warning })
    current = r.value
  }
  return current
}

function setField (target: Record<string, unknown>, to: string, value: unknown): void {
  const [head, tail] = to.split('.')
  if (tail === undefined) { target[head] = value; return }
  const inner = (target[head] ?? {}) as Record<string, unknown>
  inner[tail] = value
  target[head] = inner
}
