// The survivorship rules the merger runs with: survivorship.json plus what each built-in connector
// declares it is authoritative for (connectors/built-in.ts). Every source system the rules name
// must be a built-in's, so a typo or a connector renamed without its rules stops the hub at boot
// instead of silently letting the newest source win.
import type { BuiltInRegistry } from '../connectors/built-in.js'
import { parseSurvivorship, SurvivorshipError, type SurvivorshipRules } from '../records/merge/survivorship.js'

export function builtInSurvivorship (rules: SurvivorshipRules, registry: BuiltInRegistry): SurvivorshipRules {
  const entities: Record<string, Record<string, string>> = {}
  for (const [entity, fields] of Object.entries(rules.entities)) entities[entity] = { ...fields }
  for (const { connector: { manifest }, authoritativeFor = {} } of registry.entries) {
    for (const [entity, fields] of Object.entries(authoritativeFor)) {
      const byField = entities[entity] ?? (entities[entity] = {})
      for (const field of fields) {
        const held = byField[field]
        if (held !== undefined && held !== manifest.sourceSystem) {
          throw new SurvivorshipError(`built-in connector ${manifest.id} claims authority for ${entity}.${field}, ` +
            `which ${held} holds`)
        }
        byField[field] = manifest.sourceSystem
      }
    }
  }
  const merged = parseSurvivorship({ ...rules, entities }, 'survivorship rules with the built-ins\' authority')
  const known = new Set(registry.connectors.map(c => c.manifest.sourceSystem))
  const named = [
    ...Object.values(merged.entities).flatMap(byField => Object.values(byField ?? {})),
    ...Object.values(merged.absentMeans ?? {}).flatMap(byField => Object.values(byField ?? {}).map(a => a.source))
  ]
  const unknown = [...new Set(named.filter(s => !known.has(s)))]
  if (unknown.length > 0) {
    throw new SurvivorshipError('survivorship rules name source systems no built-in connector has: ' +
      `${unknown.join(', ')} ` +
      `(known: ${[...known].join(', ')})`)
  }
  return merged
}
