// The settings of the built-in connectors' sources, keyed by connector id (`sources.<id>`). infra/
// does not know which connectors exist: the wiring passes their declarations in (connectors/built-in.ts
// builds them from each manifest's config schema), and this module turns them into the `sources` part
// of the config schema, the environment variables and the former names still accepted.

/** What the config loader needs of one built-in connector: pure data, no connector code. */
export interface SourceDeclaration {
  /** The connector id: the key under `sources` and, upper-cased, in LT_SOURCE_<ID>_URL. */
  id: string
  /** Human name, for the documentation of its variables. */
  title: string
  /** The manifest's config schema (JSON Schema of the connector's settings, with defaults). */
  configSchema: Record<string, unknown>
  /** Names it was configured by before settings were keyed by connector id; still accepted. */
  formerNames?: { envPrefix: string, configKey: string }
}

export interface SourceSettings { baseUrl: string, schedule: string, pageSize: number, timeoutMs: number }

/** The hub-side settings of a source; anything else of the manifest (apiKey, …) is for registered connectors. */
const SETTINGS = ['schedule', 'pageSize', 'timeoutMs'] as const
const JSON_SCHEMA_WORDS = ['type', 'minimum', 'maximum', 'minLength', 'maxLength', 'default', 'description']

export const sourceIdPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

/** LT_SOURCE_HEALTH_INSURANCE_URL for health-insurance: upper case, dashes to underscores. */
export const sourceEnvPrefix = (id: string): string => `LT_SOURCE_${id.toUpperCase().replace(/-/g, '_')}`

/** One source's settings schema: an empty baseUrl means the simulated department started by this process. */
export function sourceSettingsSchema (d: SourceDeclaration): Record<string, unknown> {
  const properties = (d.configSchema.properties ?? {}) as Record<string, Record<string, unknown>>
  const pick = (name: string): Record<string, unknown> => {
    const declared = properties[name]
    if (declared?.default === undefined) {
      throw new Error(`built-in connector ${d.id}: its manifest's config schema gives ${name} no default`)
    }
    return Object.fromEntries(Object.entries(declared).filter(([k]) => JSON_SCHEMA_WORDS.includes(k)))
  }
  return {
    type: 'object',
    additionalProperties: false,
    required: ['baseUrl', ...SETTINGS],
    default: {},
    properties: {
      baseUrl: { type: 'string', pattern: '^(|https?://.+)$', default: '' },
      ...Object.fromEntries(SETTINGS.map(s => [s, pick(s)]))
    }
  }
}

/** The `sources` block of the config schema: one property per built-in, nothing else. */
export function sourcesSchema (declarations: readonly SourceDeclaration[]): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: declarations.map(d => d.id),
    default: {},
    properties: Object.fromEntries(declarations.map(d => [d.id, sourceSettingsSchema(d)]))
  }
}

type Kind = 'string' | 'list' | 'number' | 'boolean'
export interface EnvSetting { env: string, path: string, kind: Kind, doc: string, alias?: boolean }

/** LT_SOURCE_<ID>_URL and _SCHEDULE of every source, then the former names as aliases of the same paths. */
export function sourceEnvSettings (declarations: readonly SourceDeclaration[]): EnvSetting[] {
  const settings = (prefix: string, d: SourceDeclaration, alias: boolean): EnvSetting[] => [
    {
      env: `${prefix}_URL`, path: `sources.${d.id}.baseUrl`, kind: 'string', alias,
      doc: `${d.title} URL; empty = the simulated one`
    },
    {
      env: `${prefix}_SCHEDULE`, path: `sources.${d.id}.schedule`, kind: 'string', alias,
      doc: `cron schedule of the ${d.title} poll (6 fields, seconds first)`
    }
  ]
  return [
    ...declarations.flatMap(d => settings(sourceEnvPrefix(d.id), d, false)),
    ...declarations.flatMap(d => d.formerNames !== undefined ? settings(d.formerNames.envPrefix, d, true) : [])
  ]
}

/** Checks the declarations once: ids the config keys and variables can carry, each declared once. */
export function checkSourceDeclarations (declarations: readonly SourceDeclaration[]): void {
  const seen = new Set<string>()
  for (const d of declarations) {
    if (!sourceIdPattern.test(d.id)) {
      throw new Error(`built-in connector id ${JSON.stringify(d.id)} must be lower-case words joined by dashes`)
    }
    for (const name of new Set([d.id, d.formerNames?.configKey ?? d.id])) {
      if (seen.has(name)) throw new Error(`built-in connector name ${name} is declared twice`)
      seen.add(name)
    }
  }
}
