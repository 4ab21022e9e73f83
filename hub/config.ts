// The hub's configuration for the built-in connectors it ships: infra/config loads and validates,
// connectors/built-in.ts says which sources exist. main.ts, the commands, bench/ and tests load
// configuration here; a test adding a built-in passes its own registry.
import { builtIns, type BuiltInRegistry } from '../connectors/built-in.js'
import { envSettingsFor, loadConfigWith, type ConfigSources } from '../infra/config/load.js'
import { hubConfigSchemaFor, type HubConfig } from '../infra/config/schema.js'

export { ConfigError, admitSourceOrigins, type ConfigSources, type DeepPartial } from '../infra/config/load.js'

export function loadConfig (sources: ConfigSources = {}, registry: BuiltInRegistry = builtIns): HubConfig {
  return loadConfigWith(registry.sourceDeclarations(), sources)
}

/** Every environment variable the hub reads, former source names included (the README's table lists them). */
export const envSettings = envSettingsFor(builtIns.sourceDeclarations())

/** The whole config schema for the shipped built-ins. */
export const hubConfigSchema = hubConfigSchemaFor(builtIns.sourceDeclarations())
