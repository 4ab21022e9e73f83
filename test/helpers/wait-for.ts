// Polls a condition instead of sleeping a fixed time: fast when things are fast, bounded when not.
export async function waitFor<T> (probe: () => T | Promise<T>,
  { timeoutMs = 20000, intervalMs = 25, what = 'condition' } = {}): Promise<NonNullable<T>> {
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
