// A weighted semaphore: at most `capacity` units of work in flight, waiters served in arrival order
// (a large request is not starved by a stream of small ones). The MongoDB adapter takes one unit per
// operation and one per write in a bulk, because FerretDB 1.x holds a PostgreSQL connection for
// each of them: with more in flight than its pool holds, it deadlocks (issue 12.5).
export interface Permits {
  /** Runs `work` once `weight` units are free (a weight above the capacity takes all of them). */
  run: <T>(weight: number, work: () => Promise<T>) => Promise<T>
  inFlight: () => number
}

export function createPermits (capacity: number): Permits {
  let used = 0
  const waiting: Array<{ weight: number, go: () => void }> = []

  function pump (): void {
    while (waiting.length > 0 && used + waiting[0].weight <= capacity) {
      const next = waiting.shift() as { weight: number, go: () => void }
      used += next.weight
      next.go()
    }
  }

  return {
    async run (weight, work) {
      const w = Math.min(Math.max(1, weight), capacity)
      if (waiting.length === 0 && used + w <= capacity) used += w
      else await new Promise<void>(resolve => { waiting.push({ weight: w, go: resolve }) })
      try { return await work() } finally { used -= w; pump() }
    },
    inFlight: () => used
  }
}
