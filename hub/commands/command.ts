// What a CLI subcommand is. Its own file, so the commands and the registry in index.ts both import
// it without the commands importing the registry that imports them.
import type { Logger } from 'pino'
import type { HubConfig } from '../../infra/config/schema.js'

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
