// Starts the hub as a real child process and reads its output, for tests of what only a process
// has: exit codes, signals, roles in separate processes. It runs the compiled dist/main.js, which
// tap's `before` hook (scripts/build-if-stale.mjs, in .taprc) brings up to date with the sources:
// through tap's TypeScript loader every start cost about 7 s of CPU (0.6 s compiled), and the suite
// starts the hub more than a hundred times on a 2-core machine.
import { spawn, type ChildProcess } from 'node:child_process'
import { compiled, root } from './compiled.js'
import { waitFor } from './wait-for.js'

export interface HubProcess {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>
}

export function spawnHub (args: string[], env: Record<string, string>): HubProcess {
  const child = spawn(process.execPath, [compiled('main.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
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
