// Dry run: what a connector would make of sample raw records, nothing published. Per record: the
// raw-schema errors, or the canonical entities the mapping yields (with warnings) and every
// mapping or canonical-schema error, exactly as the normalizer would judge them.
import type { MappingValidator } from '../mapping/validate-mapping.js'
import { applyMapping, type LegacyRef, type MappingIssue } from '../mapping/apply-mapping.js'
import type { ConnectorMapping } from '../mapping/mapping-schema.js'
import { compileRawSchema } from '../declarative/raw-schema-ajv.js'
import { describeErrors } from '../../schemas/validator.js'
import type { StreamManifest } from '../contract.js'
import { RegistryError } from '../registry/registry-error.js'

export interface DryRunEntity {
  entity: string
  entityId?: string
  legacyKey?: { kind: string, value: string }
  legacyRefs?: LegacyRef[]
  op: 'upsert' | 'delete'
  fields: Record<string, unknown>
  warnings: MappingIssue[]
}
export interface DryRunResult {
  index: number, ok: boolean, canonical: DryRunEntity[], errors: Array<{ path: string, code: string, message: string }>
}

export function dryRun (
  connector: { streams: readonly StreamManifest[], mapping: ConnectorMapping },
  validator: MappingValidator,
  streamName: string | undefined,
  records: unknown[]
): DryRunResult[] {
  const stream = streamName !== undefined
    ? connector.streams.find(s => s.name === streamName)
    : connector.streams.length === 1 ? connector.streams[0] : undefined
  if (stream === undefined) {
    throw new RegistryError(400, 'LT_ERR_DRY_RUN_STREAM',
      streamName === undefined ? 'name the stream' : `no stream '${streamName}'`,
      [{ path: '/stream', message: `one of ${connector.streams.map(s => s.name).join(', ')}` }])
  }
  const validateRaw = compileRawSchema(stream.rawSchema)
  return records.map((record, index) => {
    const at = `/records/${index}`
    if (!validateRaw(record)) {
      const errors = describeErrors(validateRaw.errors)
        .map(e => ({ path: `${at}${e.path === '/' ? '' : e.path}`, code: 'LT_ERR_RAW_SCHEMA', message: e.message }))
      return { index, ok: false, canonical: [], errors }
    }
    const outcome = applyMapping(connector.mapping, stream.name, record)
    if (!outcome.ok) {
      return { index, ok: false, canonical: [], errors: outcome.errors.map(e => ({ ...e, path: `${at}/${e.path}` })) }
    }
    const errors: DryRunResult['errors'] = []
    const canonical = outcome.entities.map(m => {
      if (!outcome.deleted) {
        errors.push(...validator.validateFields(m.entity, m.fields).map(e => ({ ...e, path: `${m.entity}${e.path}` })))
      }
      return {
        entity: m.entity,
        ...(m.entityId !== undefined ? { entityId: m.entityId } : {}),
        ...(m.legacyKey !== undefined ? { legacyKey: m.legacyKey } : {}),
        ...(m.legacyRefs !== undefined && !outcome.deleted ? { legacyRefs: m.legacyRefs } : {}),
        op: outcome.deleted ? 'delete' as const : 'upsert' as const,
        fields: outcome.deleted ? {} : m.fields,
        warnings: m.warnings
      }
    })
    return { index, ok: errors.length === 0, canonical, errors }
  })
}
