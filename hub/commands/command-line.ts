// What `lienthong …` was asked to do, decided before any configuration is read: print help, refuse a
// bad command line (exit 2, one line naming the argument), run a subcommand, or start the hub.
// Subcommands check their own arguments; the hub itself accepts only the flags listed here.
import type { Command } from './command.js'

export type CommandLine =
  | { kind: 'help', text: string }
  | { kind: 'error', message: string }
  | { kind: 'run', command?: string, rest: string[] }

/** Flags of the hub itself (and the shared ones every command also reads): name -> value shown in usage. */
const hubFlags: Record<string, string> = { role: 'all|gateway|connectors|consumers', port: 'N', config: 'FILE' }
const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h'

export function hubUsage (commands: Record<string, Command>): string {
  const width = Math.max(...Object.keys(commands).map(n => n.length))
  return [
    'usage: lienthong [--role all|gateway|connectors|consumers] [--port N] [--config FILE]',
    '       lienthong <command> [arguments]    (lienthong <command> --help for its arguments)',
    '',
    'Without a command, starts the hub (every role by default) on the embedded adapters unless',
    'KAFKA_BROKERS / MONGODB_URI are set. Settings: environment variables, see README "Configuration".',
    '',
    'commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    ''
  ].join('\n')
}

export function parseCommandLine (argv: string[], commands: Record<string, Command>): CommandLine {
  const first = argv[0]
  if (first !== undefined && !first.startsWith('-')) {
    const command = commands[first]
    if (command === undefined) {
      return {
        kind: 'error',
        message: `Unknown command '${first}'. Commands: ${Object.keys(commands).join(', ')}; ` +
          'without one, the hub starts (lienthong --help).'
      }
    }
    const rest = argv.slice(1)
    if (rest.some(isHelp)) return { kind: 'help', text: command.usage }
    return { kind: 'run', command: first, rest }
  }
  if (argv.some(isHelp)) return { kind: 'help', text: hubUsage(commands) }
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(=.*)?$/.exec(argv[i])
    if (m === null) return { kind: 'error', message: `Unexpected argument '${argv[i]}' (lienthong --help).` }
    if (hubFlags[m[1]] === undefined) return { kind: 'error', message: `Unknown flag '--${m[1]}' (lienthong --help).` }
    if (m[2] === undefined) {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) {
        return { kind: 'error', message: `--${m[1]} needs a value (${hubFlags[m[1]]}).` }
      }
      i++
    }
  }
  return { kind: 'run', rest: argv }
}
