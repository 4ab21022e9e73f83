// Survivorship rules as data: which source system is authoritative for which field of which
// entity. Loaded from a JSON file and validated once, so a typo stops the merger at boot instead
// of silently letting the newest source win.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import { canonicalEntities, type CanonicalEntity } from '../../schemas/canonical-event.js'
import { HubError } from '../../infra/shared/hub-error.js'
import { sourceSystemPattern } from '../golden-record.js'

export interface SurvivorshipRules {
  /** entity -> field (or '*') -> authoritative source system */
  entities: Partial<Record<CanonicalEntity, Record<string, string>>>
  /** entity -> field -> the source whose register is authoritative for "no value", and what that means. */
  absentMeans?: Partial<Record<CanonicalEntity, Record<string, AbsentMeans>>>
}

export interface AbsentMeans { source: string, value: unknown }

const rulesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['entities'],
  properties: {
    description: { type: 'string' },
    entities: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(canonicalEntities.map(e => [e, {
        type: 'object',
        propertyNames: { pattern: '^(\\*|[A-Za-z_][A-Za-z0-9_]*)$' },
        additionalProperties: { type: 'string', pattern: sourceSystemPattern }
      }]))
    },
    absentMeans: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(canonicalEntities.map(e => [e, {
        type: 'object',
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['source', 'value'],
          properties: { source: { type: 'string', pattern: sourceSystemPattern }, value: {} }
        }
      }]))
    }
  }
}

/** Rules that cannot be read or are not valid: an operator's fix, not something a retry mends. */
export class SurvivorshipError extends HubError {
  constructor (message: string) {
    super(message, { code: 'LT_ERR_SURVIVORSHIP' })
  }
}

/** Validates rules given as a value (tests build their own). */
export function parseSurvivorship (value: unknown, where = 'survivorship rules'): SurvivorshipRules {
  const check = new Ajv({ allErrors: true, strict: false }).compile(rulesSchema)
  if (!check(value)) {
    const errors = (check.errors ?? [])
      .map(e => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`)
    throw new SurvivorshipError(`${where} are not valid: ${errors.join('; ')}`)
  }
  return value as unknown as SurvivorshipRules
}

// The rules file stays where operators know it, next to the merger (consumers/merger/). JSON is
// not copied by tsc: from source it is two folders up, from dist/ it is found back in the repository.
const CANDIDATES = ['../../consumers/merger/survivorship.json', '../../../consumers/merger/survivorship.json']

export function loadSurvivorship (file?: string): SurvivorshipRules {
  const path = file ?? CANDIDATES.map(c => fileURLToPath(new URL(c, import.meta.url))).find(p => existsSync(p))
  if (path === undefined) throw new SurvivorshipError('survivorship.json not found in consumers/merger/')
  let value: unknown
  try { value = JSON.parse(readFileSync(path, 'utf8')) } catch (err) {
    throw new SurvivorshipError(`cannot read survivorship rules ${path}: ${(err as Error).message}`)
  }
  return parseSurvivorship(value, path)
}

/** The authoritative source system for a field, or undefined when the newest value wins. */
export function authorityFor (rules: SurvivorshipRules, entity: CanonicalEntity, field: string): string | undefined {
  const byField = rules.entities[entity]
  if (byField === undefined) return undefined
  return Object.hasOwn(byField, field) ? byField[field] : byField['*']
}

/** What the absence of a field's value means when the given source holds the record, if anything. */
export function absenceRule (
  rules: SurvivorshipRules, entity: CanonicalEntity, field: string
): AbsentMeans | undefined {
  const byField = rules.absentMeans?.[entity]
  return byField !== undefined && Object.hasOwn(byField, field) ? byField[field] : undefined
}
