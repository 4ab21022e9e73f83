// Trouble a department server can be told to make, for connector tests: errors, rate limiting,
// slowness, a body that is not JSON, or a connection reset. `times` limits it to the next n requests.
export type FaultKind = 'none' | '500' | '429' | 'slow' | 'garbage' | 'reset'
export interface Fault {
  kind: FaultKind
  times?: number
  // 429: the Retry-After header, in seconds (default 1).
  retryAfterSeconds?: number
  // slow: delay before the normal answer (default 2000 ms).
  delayMs?: number
}

const KINDS: readonly FaultKind[] = ['none', '500', '429', 'slow', 'garbage', 'reset']

export function checkFault (f: Fault): Fault {
  if (!KINDS.includes(f.kind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}, got ${String(f.kind)}`)
  for (const name of ['times', 'retryAfterSeconds', 'delayMs'] as const) {
    const v = f[name]
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      throw new Error(`fault ${name} must be a whole number >= 0, got ${String(v)}`)
    }
  }
  return { ...f }
}

// Tracks the active fault and counts down `times`; returns the fault for this request.
export class FaultSwitch {
  private fault: Fault = { kind: 'none' }
  set (f: Fault): void { this.fault = checkFault(f) }
  get (): Fault { return { ...this.fault } }
  take (): Fault {
    const f = this.fault
    if (f.kind === 'none') return f
    if (f.times !== undefined) {
      if (f.times <= 1) this.fault = { kind: 'none' }
      else this.fault = { ...f, times: f.times - 1 }
    }
    return f
  }
}
