// Checks a mapping before it is accepted (shape, transform names, and that every target field
// exists in the canonical schema of its entity), and checks mapped output against the canonical
// schema with its top-level `required` dropped: a source may hold only part of an entity.
import type { ValidateFunction } from 'ajv'
import type { SchemaValidator } from '../../schemas/validator.js'
import { describeErrors } from '../../schemas/validator.js'
import { canonicalSchemas } from '../../schemas/catalog.js'
import { canonicalEntities, type CanonicalEntity } from '../../schemas/canonical-event.js'
import { connectorMappingSchema, type ConnectorMapping } from './mapping-schema.js'
import type { MappingIssue } from './apply-mapping.js'

export interface MappingValidator {
  validateMapping: (mapping: unknown) => { ok: true, mapping: ConnectorMapping } | { ok: false, errors: MappingIssue[] }
  validateFields: (entity: CanonicalEntity, fields: Record<string, unknown>) => MappingIssue[]
}

interface SchemaNode { properties?: Record<string, SchemaNode>, items?: SchemaNode, required?: readonly string[] }

export function createMappingValidator ({ ajv }: SchemaValidator): MappingValidator {
  const checkShape = ajv.getSchema(connectorMappingSchema.$id) ?? ajv.compile(connectorMappingSchema)
  const partial = new Map<CanonicalEntity, ValidateFunction>()
  for (const entity of canonicalEntities) {
    const { required: _required, ...schema } = canonicalSchemas[entity] as unknown as Record<string, unknown> & {
      $id: string
    }
    partial.set(entity, ajv.compile({ ...schema, $id: schema.$id.replace(/\.json$/, '.partial.json') }))
  }

  return {
    validateMapping (mapping) {
      if (!checkShape(mapping)) {
        return {
          ok: false,
          errors: describeErrors(checkShape.errors).map(
            e => ({ path: e.path, code: 'LT_ERR_MAPPING_INVALID', message: e.message })
          )
        }
      }
      const m = mapping as ConnectorMapping
      const errors: MappingIssue[] = []
      m.streams.forEach((s, si) => s.entities.forEach((e, ei) => e.fields.forEach((f, fi) => {
        if ((f.from === undefined) === (f.const === undefined)) {
          errors.push({
            path: `/streams/${si}/entities/${ei}/fields/${fi}`,
            code: 'LT_ERR_MAPPING_INVALID',
            message: 'give exactly one of from and const'
          })
        }
        if (f.to.includes('[]') && (f.from === undefined || !/^[^[\]]+\[\]\.[^[\]]+$/.test(f.from))) {
          errors.push({
            path: `/streams/${si}/entities/${ei}/fields/${fi}/from`,
            code: 'LT_ERR_MAPPING_INVALID',
            message: `a list target '${f.to}' needs a from of the form list[].field`
          })
        }
        if (!fieldExists(canonicalSchemas[e.entity] as unknown as SchemaNode, f.to)) {
          errors.push({
            path: `/streams/${si}/entities/${ei}/fields/${fi}/to`,
            code: 'LT_ERR_MAPPING_UNKNOWN_FIELD',
            message: `${e.entity} has no field '${f.to}'`
          })
        }
      })))
      const streams = m.streams.map(s => s.stream)
      if (new Set(streams).size !== streams.length) {
        errors.push({ path: '/streams', code: 'LT_ERR_MAPPING_INVALID', message: 'a stream is mapped twice' })
      }
      return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: m }
    },
    validateFields (entity, fields) {
      const check = partial.get(entity) as ValidateFunction
      return check(fields)
        ? []
        : describeErrors(check.errors).map(e => ({ path: e.path, code: 'LT_ERR_CANONICAL_SCHEMA', message: e.message }))
    }
  }
}

function fieldExists (schema: SchemaNode, to: string): boolean {
  const [head, tail] = to.split('.')
  const list = head.endsWith('[]')
  const node = schema.properties?.[list ? head.slice(0, -2) : head]
  if (node === undefined) return false
  if (list) return node.items?.properties?.[tail] !== undefined
  return tail === undefined || node.properties?.[tail] !== undefined
}
