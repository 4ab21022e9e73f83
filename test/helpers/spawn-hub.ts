// Starts main.ts as a real child process (TypeScript through tap's loader) and reads its output,
// for tests of what only a process has: exit codes, signals, roles in separate processes.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { waitFor } from './wait-for.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface HubProcess {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>
}

export function spawnHub (args: string[], env: Record<string, string>): HubProcess {
  const child = spawn(process.execPath, ['--import', '@tapjs/typescript/import', 'main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TS_NODE_TRANSPILE_ONLY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { out += d.toString() })
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  return {
    child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => { if (child.exitCode === null) child.kill(signal); return await exited },
    waitForOutput: async (pattern, timeoutMs = 30000) => await waitFor(() => out.match(pattern) ?? undefined, { timeoutMs, what: `output ${String(pattern)}` })
  }
}
