// Reference data a city may replace without a code change, loaded and validated at boot: the
// ward/commune table (LT_ADMIN_UNITS_FILE; empty = the bundled schemas/data/admin-units-2025.csv).
// A file that does not load stops the start with the setting named, before any record is mapped.
import type { Logger } from 'pino'
import type { HubConfig } from '../infra/config/schema.js'
import { ConfigError } from '../infra/config/load.js'
import { bundledAdminUnitsPath, loadAdminUnits, useAdminUnits } from '../schemas/vietnam/admin-units.js'

export function loadReferenceData (config: HubConfig, logger: Logger): void {
  const file = config.referenceData.adminUnitsFile
  let table
  try {
    table = loadAdminUnits(file === '' ? bundledAdminUnitsPath() : file)
  } catch (err) {
    throw new ConfigError(
      `Invalid configuration: LT_ADMIN_UNITS_FILE ${file === '' ? '(bundled table)' : file}: ${(err as Error).message}`,
      'LT_ADMIN_UNITS_FILE'
    )
  }
  useAdminUnits(table)
  const provisional = table.units.filter(u => u.codeStatus === 'provisional').length
  logger.info({ version: table.version, units: table.units.length, provisional }, 'administrative units loaded')
}
