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
    // The bound is generous because a loaded 2-core machine starts a hub slowly; a process that has
    // already exited fails the wait at once, with its output, instead of waiting out the bound.
    waitForOutput: async (pattern, timeoutMs = 180000) => await waitFor(() => {
      const found = out.match(pattern)
      if (found !== null) return found
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the hub exited (${child.exitCode ?? child.signalCode}) ` +
          `before printing ${String(pattern)}:\n${out.slice(-2000)}`)
      }
      return undefined
    }, { timeoutMs, intervalMs: 50, what: `output ${String(pattern)}` })
  }
}
