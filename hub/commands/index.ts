// Subcommands of the `lienthong` CLI (`node dist/main.js <command> …`). Each command lives in its
// own file in this folder and is registered here with one line. A command gets the validated
// configuration, a logger and its own arguments, and returns the process exit code.
import type { Logger } from 'pino'
import type { HubConfig } from '../../infra/config/schema.js'
import { auditCommand } from './audit-verify.js'
import { rebuildCommand } from './rebuild.js'
import { importCommand } from './import.js'
import { repairCommand } from './repair.js'

export interface CommandContext {
  config: HubConfig
  logger: Logger
  args: string[]
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

export interface Command {
  summary: string
  /** Printed by `lienthong <command> --help` (exit 0) and on bad usage (exit 2). */
  usage: string
  run: (ctx: CommandContext) => Promise<number>
}

export const commands: Record<string, Command> = {
  audit: auditCommand,
  rebuild: rebuildCommand,
  import: importCommand,
  repair: repairCommand,
}
