// Runs one step of a batch again while it fails with a retriable error, a bounded number of times;
// a non-retriable failure (isRetriable: the error family says) is thrown at once, since trying the
// same work again would fail the same way. The step must be safe to repeat (idempotent writes).
import { isRetriable } from './hub-error.js'
import { backoffDelay, sleep } from './retry.js'

export interface RetryRetriableOptions {
  maxAttempts: number
  signal?: AbortSignal
  baseMs?: number
  capMs?: number
}

export async function retryRetriable<T> (work: () => Promise<T>, options: RetryRetriableOptions): Promise<T> {
  const { maxAttempts, signal, baseMs = 100, capMs = 2000 } = options
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (err) {
      if (!isRetriable(err) || attempt >= maxAttempts || signal?.aborted === true) throw err
    }
    await sleep(backoffDelay(attempt, baseMs, capMs), signal)
  }
}
