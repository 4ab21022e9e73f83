// Throttles failed authentications, per key id and per client address, so a guesser cannot make
// the gateway run scrypt (about 100-200 ms of a thread-pool thread) as often as it likes. An
// attempt is counted when it starts, not when it fails, so a burst of concurrent guesses is bounded
// too; a success takes its count back. Fixed windows, counted per process (like the rate limit).
import { HubError } from '../../infra/shared/hub-error.js'

export interface AuthThrottleSettings {
  /** Failed attempts per key id per window; 0 turns the per-key throttle off. */
  perKey: number
  /** Failed attempts per client address per window; 0 turns the per-address throttle off. */
  perAddress: number
  windowMs: number
}

export const defaultAuthThrottle: AuthThrottleSettings = { perKey: 10, perAddress: 50, windowMs: 60000 }

export interface AuthSubjects { address?: string, keyId?: string }

export interface AuthThrottle {
  /** Counts an attempt; 0 when it may go ahead, else how many ms until it may (nothing counted). */
  admit: (subjects: AuthSubjects) => number
  /** The attempt succeeded: it does not count as a failure. */
  succeeded: (subjects: AuthSubjects) => void
}

/** Bounds memory under a flood of distinct addresses or key ids; the oldest windows go first. */
const MAX_TRACKED = 50000

export class AuthThrottledError extends HubError {
  constructor (readonly retryAfterMs: number) {
    super('too many failed authentications', { code: 'LT_ERR_AUTH_THROTTLED', status: 429, retriable: true })
  }
}

export function createAuthThrottle (
  { perKey, perAddress, windowMs }: AuthThrottleSettings, clock: () => number = Date.now
): AuthThrottle {
  const windows = new Map<string, { count: number, resetAt: number }>()

  const counted = ({ address, keyId }: AuthSubjects): Array<[string, number]> => [
    ...(address !== undefined && perAddress > 0 ? [[`a:${address}`, perAddress] as [string, number]] : []),
    ...(keyId !== undefined && perKey > 0 ? [[`k:${keyId}`, perKey] as [string, number]] : [])
  ]

  function current (name: string, now: number): { count: number, resetAt: number } {
    let w = windows.get(name)
    if (w === undefined || w.resetAt <= now) {
      windows.delete(name)
      if (windows.size >= MAX_TRACKED) windows.delete(windows.keys().next().value as string)
      w = { count: 0, resetAt: now + windowMs }
      windows.set(name, w)
    }
    return w
  }

  return {
    admit (subjects) {
      const now = clock()
      const entries = counted(subjects).map(([name, limit]) => ({ w: current(name, now), limit }))
      const wait = Math.max(0, ...entries.filter(e => e.w.count >= e.limit).map(e => e.w.resetAt - now))
      if (wait > 0) return wait
      for (const e of entries) e.w.count++
      return 0
    },
    succeeded (subjects) {
      for (const [name] of counted(subjects)) {
        const w = windows.get(name)
        if (w !== undefined && w.count > 0) w.count--
      }
    }
  }
}
