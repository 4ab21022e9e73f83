// Runs one batch through a handler with bounded, backed-off retries. Shared by both event-log
// adapters so that "commit only after success, give up after N attempts" means the same thing.
import type { BatchHandler, ConsumedMessage } from '../ports/event-log.js'
import { backoffDelay, sleep } from '../shared/retry.js'

export interface BatchOutcome { ok: boolean, error?: Error }

export async function runBatchWithRetries (
  handler: BatchHandler,
  batch: ConsumedMessage[],
  maxAttempts: number,
  signal: AbortSignal
): Promise<BatchOutcome> {
  let lastError: Error | undefined
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      await handler(batch)
      return { ok: true }
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err))
      if (attempt < maxAttempts && !signal.aborted) await sleep(backoffDelay(attempt), signal)
      // A stop request ends the retries; the batch stays uncommitted and is delivered again later.
      if (signal.aborted) break
    }
  }
  return { ok: false, error: lastError }
}
