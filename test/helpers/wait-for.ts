// Polls a condition instead of sleeping a fixed time: fast when things are fast, bounded when not.
// The default bound is generous because a wait ends as soon as its condition holds: it costs nothing
// when green, and CI runs on a 2-core machine that other work may slow twice or more (a 20 s default
// was tight for waits on a consumer group, a poll or a merger catch-up; tap's own per-file bound of
// 180 s still ends a wait that would never succeed).
export const WAIT_BOUND_MS = 120000

export async function waitFor<T> (probe: () => T | Promise<T>,
  { timeoutMs = WAIT_BOUND_MS, intervalMs = 25, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined
  while (Date.now() < deadline) {
    last = await probe()
    if (last !== undefined && last !== null && last !== false) return last as NonNullable<T>
    await new Promise(resolve => setTimeout(resolve, intervalMs))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
}

export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
