// A stop that cannot hang the process: SIGTERM waits for the batch in hand, but a batch stuck on a
// store or broker that never answers would keep the process alive until an operator sends SIGKILL
// (a supervisor such as systemd would then kill it without a word on why). Past the bound the
// caller exits non-zero and says what did not stop in time.

export type StopOutcome = { kind: 'stopped' } | { kind: 'failed', err: unknown } | {
  kind: 'timed-out',
  afterMs: number
}

export async function stopWithin (stop: () => Promise<void>, boundMs: number): Promise<StopOutcome> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<StopOutcome>(resolve => {
    // Not unref'd: a stop hung on a promise with no handle left would otherwise let Node end the
    // process with 0, as if it had stopped cleanly. It is cleared as soon as the stop settles.
    timer = setTimeout(() => resolve({ kind: 'timed-out', afterMs: boundMs }), boundMs)
  })
  const stopped = stop().then(
    (): StopOutcome => ({ kind: 'stopped' }), (err: unknown): StopOutcome => ({ kind: 'failed', err })
  )
  try {
    return await Promise.race([stopped, timedOut])
  } finally {
    clearTimeout(timer)
  }
}
