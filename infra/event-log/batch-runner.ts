// Runs one batch through a handler with bounded, backed-off retries. Shared by both event-log
// adapters so that "commit only after success, give up after N attempts" means the same thing.
// Only a retriable failure is tried again (isRetriable: the error family says; an engine's or the
// network's error counts as transient). A non-retriable one (a refused write, broken rules) gives
// up at once: N more attempts would fail the same way and only hold the partition back longer.
import type { BatchHandler, ConsumedMessage } from '../ports/event-log.js'
import { backoffDelay, sleep } from '../shared/retry.js'
import { isRetriable } from '../shared/hub-error.js'

export interface BatchOutcome { ok: boolean, error?: Error, attempts: number }

export async function runBatchWithRetries (
  handler: BatchHandler,
  batch: ConsumedMessage[],
  maxAttempts: number,
  signal: AbortSignal
): Promise<BatchOutcome> {
  let lastError: Error | undefined
  let attempt = 0
  while (attempt < maxAttempts) {
    attempt++
    try {
      await handler(batch)
      return { ok: true, attempts: attempt }
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err))
      if (!isRetriable(err)) break
      if (attempt < maxAttempts && !signal.aborted) await sleep(backoffDelay(attempt), signal)
      // A stop request ends the retries; the batch stays uncommitted and is delivered again later.
      if (signal.aborted) break
    }
  }
  return { ok: false, error: lastError, attempts: attempt }
}
