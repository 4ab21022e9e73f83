// Keeps the event loop responsive during long synchronous-looking work. The embedded adapters answer
// synchronously, so an `await` on them only queues a microtask: a long merge would otherwise hold
// back timers, HTTP requests (/health/live) and signal handlers (SIGTERM) until it ends.

/** Lets timers, sockets and signal handlers run before going on (setImmediate, not a microtask). */
export const yieldToEventLoop = async (): Promise<void> => await new Promise(resolve => setImmediate(resolve))

/**
 * Returns a function to await between records: it yields once `sliceMs` of work has passed since the
 * last yield, and costs a clock read otherwise.
 */
export function timeSlicer (sliceMs = 10): () => Promise<void> {
  let since = performance.now()
  return async () => {
    if (performance.now() - since < sliceMs) return
    await yieldToEventLoop()
    since = performance.now()
  }
}
