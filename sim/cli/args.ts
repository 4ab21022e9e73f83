// Command-line flags of the sim commands, read with node:util parseArgs; a bad flag ends the
// command with exit code 2 and a message naming it.
import { parseArgs } from 'node:util'
import { HubError } from '../../infra/shared/hub-error.js'

export class UsageError extends HubError {
  constructor (message: string) {
    super(message, { code: 'LT_ERR_SIM_USAGE', status: 400 })
  }
}

type Spec = Record<string, { type: 'string' | 'boolean' }>

export function readFlags (argv: string[], spec: Spec): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: argv, options: spec, strict: true,
      allowPositionals: false }).values as Record<string, string | boolean | undefined>
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

export function intFlag (flags: Record<string, unknown>, name: string, fallback?: number): number {
  const v = flags[name]
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`)
    return fallback
  }
  const n = Number(v)
  if (typeof v !== 'string' || !/^\d+$/.test(v) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--${name} must be a whole number, got "${String(v)}"`)
  }
  return n
}

export function rateFlag (flags: Record<string, unknown>, name: string): number | undefined {
  const v = flags[name]
  if (v === undefined) return undefined
  const n = Number(v)
  if (typeof v !== 'string' || v.trim() === '' || !(n >= 0 && n <= 1)) {
    throw new UsageError(`--${name} must be a number from 0 to 1, got "${String(v)}"`)
  }
  return n
}

export async function runCli (main: () => Promise<void>): Promise<void> {
  try {
    await main()
  } catch (err) {
    const e = err as Error & { code?: string }
    process.stderr.write(`${e.code ?? 'LT_ERR_SIM'}: ${e.message}\n`)
    process.exitCode = e instanceof UsageError || e.code === 'LT_ERR_SIM_OPTION' ? 2 : 1
  }
}
