// `lienthong repair`: looks at the embedded SQLite files as the start does, and when something is
// wrong rebuilds what can be rebuilt (infra/startup/repair-embedded.ts), printing each thing done.
// Exit 0 when the files pass the checks afterwards (or passed already), 1 when they still do not.
import { embeddedFiles } from '../../infra/startup/embedded-files.js'
import { checkEmbeddedFiles } from '../../infra/startup/check-embedded.js'
import { repairEmbedded } from '../../infra/startup/repair-embedded.js'
import type { Command } from './command.js'

const usage = 'usage: lienthong repair [--config FILE]\n' +
  '  looks at the embedded SQLite files as the start does; sets damaged ones aside and rebuilds what it can\n'

/** repair takes no arguments of its own; the shared --role / --port / --config are read by the configuration. */
function unexpected (args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (/^--(role|port|config)$/.test(args[i])) { i++; continue }
    if (!/^--(role|port|config)=/.test(args[i])) return args[i]
  }
  return undefined
}

export const repairCommand: Command = {
  summary: 'repair: after a refused start, set damaged embedded files aside and rebuild what can be rebuilt',
  usage,
  async run ({ config, args, stdout, stderr }) {
    const extra = unexpected(args)
    if (extra !== undefined) { stderr.write(`repair: unknown argument '${extra}'\n${usage}`); return 2 }
    const files = embeddedFiles(config)
    if (files.eventLog === undefined && files.store === undefined) {
      stdout.write('repair: no embedded files (Kafka and MongoDB are configured); nothing to do\n')
      return 0
    }
    const findings = checkEmbeddedFiles(files)
    if (findings.length === 0) {
      stdout.write('repair: the embedded files pass the start-up checks; nothing to do\n')
      return 0
    }
    for (const f of findings) stdout.write(`repair: found in ${f.file}: ${f.detail}\n`)
    for (const line of repairEmbedded(files, findings)) stdout.write(`repair: ${line}\n`)
    const left = checkEmbeddedFiles(files)
    if (left.length > 0) {
      for (const f of left) stderr.write(`repair: still wrong in ${f.file}: ${f.detail}\n`)
      return 1
    }
    stdout.write('repair: done; the embedded files pass the start-up checks and the hub can start\n')
    return 0
  }
}
