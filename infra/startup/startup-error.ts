// The one error a start-up check throws: a one-line message that names the setting (or the file)
// at fault and what to do, and the exit code main.ts ends with.
import { HubError } from '../shared/hub-error.js'

export class StartupError extends HubError {
  /**
   * @param setting the setting that chose what failed (LT_DATA_DIR, MONGODB_URI, …)
   * @param exitCode 2 for a bad or unreachable setting, 3 for damaged data files
   */
  constructor (message: string, readonly setting: string, readonly exitCode: 2 | 3 = 2, options?: { cause?: unknown }) {
    super(message, { code: 'LT_ERR_STARTUP', cause: options?.cause })
  }
}
