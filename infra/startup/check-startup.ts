// Everything checked between reading the configuration and starting a role, in order: the data
// folder, the engines' addresses, then the embedded files. Each failure is a StartupError whose
// message is one line naming the setting or file and what to do.
import type { HubConfig } from '../config/schema.js'
import { ensureDataDir } from './data-dir.js'
import { probeEngines } from './probe-engines.js'
import { embeddedFiles } from './embedded-files.js'
import { checkEmbeddedFiles } from './check-embedded.js'
import { StartupError } from './startup-error.js'

export interface StartupCheckOptions {
  /** Skip the embedded files' checks (`lienthong repair` looks at them itself). */
  skipFiles?: boolean
  probeTimeoutMs?: number
}

export async function checkStartup (
  config: HubConfig, { skipFiles = false, probeTimeoutMs }: StartupCheckOptions = {}
): Promise<void> {
  const files = embeddedFiles(config)
  // With Kafka and MongoDB nothing is written to the data folder (demo keys need the embedded store).
  if (files.eventLog !== undefined || files.store !== undefined) ensureDataDir(config.dataDir)
  await probeEngines(config, probeTimeoutMs)
  if (skipFiles || config.startupCheck === 'off') return
  const findings = checkEmbeddedFiles(files)
  if (findings.length === 0) return
  const first = findings[0]
  const more = findings.length > 1 ? ` (and ${findings.length - 1} more finding(s))` : ''
  throw new StartupError(
    `Damaged data in ${first.file} (LT_DATA_DIR): ${first.detail}${more}. The hub did not start. ` +
    'Run `lienthong repair` to rebuild what can be rebuilt (it says what it does), or restore the data folder from a ' +
    'backup; LT_STARTUP_CHECK=off skips this check.',
    'LT_DATA_DIR', 3)
}
