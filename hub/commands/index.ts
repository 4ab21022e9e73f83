// Subcommands of the `lienthong` CLI (`node dist/main.js <command> …`). Each command lives in its
// own file in this folder and is registered here with one line. A command gets the validated
// configuration, a logger and its own arguments, and returns the process exit code.
import type { Command } from './command.js'
import { auditCommand } from './audit-verify.js'
import { rebuildCommand } from './rebuild.js'
import { importCommand } from './import.js'
import { repairCommand } from './repair.js'
import { loadCommand } from './load.js'

export type { Command, CommandContext } from './command.js'

export const commands: Record<string, Command> = {
  audit: auditCommand,
  rebuild: rebuildCommand,
  import: importCommand,
  repair: repairCommand,
  load: loadCommand,
}
