// What a running connector reports: totals, per-stream counters and positions, the last error
// with its code, and how far behind the source it is. Plain JSON: the registry API serves it and
// the hub logs it. Positions show the source time only, never the record key (a personal id).
export interface RunError { code: string, message: string, at: string, stream?: string }

export interface StreamStatus {
  /** Built by the runner from another stream (contract.ts, DerivedStream). */
  derived: boolean
  read: number
  published: number
  rejected: number
  snapshotDone: boolean
  /** Source update time of the saved cursor. */
  position?: string
  /** The last read reached the end of the stream. */
  caughtUp: boolean
  lastSuccessAt?: string
  lastError?: RunError
  /** 0 when caught up; else how far the saved position is behind now, in ms. */
  lagMs?: number
}

export type ConnectorState = 'idle' | 'running' | 'healthy' | 'failing' | 'stopped'

export interface ConnectorStatus {
  id: string
  version: string
  /** idle: never ran; healthy: the last run read every stream; failing: the last run failed. */
  state: ConnectorState
  running: boolean
  read: number
  published: number
  rejected: number
  lastRunAt?: string
  lastSuccessAt?: string
  lastError?: RunError
  /** Runs failed in a row (0 after a good one). */
  consecutiveFailures: number
  /** The largest lag of its streams, in ms (see StreamStatus.lagMs). */
  lagMs?: number
  streams: Record<string, StreamStatus>
}

export const emptyStreamStatus = (derived: boolean): StreamStatus =>
  ({ derived, read: 0, published: 0, rejected: 0, snapshotDone: false, caughtUp: false })

interface RunnerState {
  id: string
  version: string
  running: boolean
  stopped?: boolean
  consecutiveFailures: number
  lastRunAt?: string
  lastSuccessAt?: string
  lastError?: RunError
}

export function summarize (runner: RunnerState, streams: Map<string, StreamStatus>, now: number): ConnectorStatus {
  const out: Record<string, StreamStatus> = {}
  let read = 0
  let published = 0
  let rejected = 0
  let lag: number | undefined
  for (const [name, s] of streams) {
    const lagMs = s.caughtUp ? 0 : s.position !== undefined ? Math.max(0, now - Date.parse(s.position)) : undefined
    out[name] = { ...s, ...(lagMs !== undefined ? { lagMs } : {}) }
    if (!s.derived) { read += s.read; published += s.published; rejected += s.rejected }
    if (lagMs !== undefined && !s.derived) lag = Math.max(lag ?? 0, lagMs)
  }
  const state: ConnectorState = runner.stopped === true ? 'stopped'
    : runner.running ? 'running'
      : runner.lastError !== undefined ? 'failing'
        : runner.lastSuccessAt !== undefined ? 'healthy' : 'idle'
  return {
    id: runner.id,
    version: runner.version,
    state,
    running: runner.running,
    read,
    published,
    rejected,
    ...(runner.lastRunAt !== undefined ? { lastRunAt: runner.lastRunAt } : {}),
    ...(runner.lastSuccessAt !== undefined ? { lastSuccessAt: runner.lastSuccessAt } : {}),
    ...(runner.lastError !== undefined ? { lastError: runner.lastError } : {}),
    consecutiveFailures: runner.consecutiveFailures,
    ...(lag !== undefined ? { lagMs: lag } : {}),
    streams: out
  }
}
