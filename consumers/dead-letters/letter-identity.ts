// Which dead letters are the same letter. A source that sends a record again (a connector killed
// before saving its cursor, a poll re-run from an empty cursor, a redelivered batch) makes the
// same rejection again, at a new position of the dead-letter topic and with a new ingest time.
// A clerk must see it once: the letter's id derives from who rejected it, where it came from, its
// key, its content without the transport's stamps, its code and its reason.
import { createHash } from 'node:crypto'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'

/** The message value without what changes when the same change is delivered again. */
export function stableContent (value: string): string {
  let parsed: unknown
  try { parsed = JSON.parse(value) } catch { return value }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return canonicalJson(parsed)
  const { ingestTime: _ingest, op, source, ...rest } = parsed as Record<string, unknown>
  const out: Record<string, unknown> = { ...rest }
  // A raw change read in a snapshot is 'r', the same change read incrementally 'c' or 'u'.
  if (op !== undefined) out.op = op === 'r' || op === 'c' || op === 'u' ? 'write' : op
  if (source !== null && typeof source === 'object' && !Array.isArray(source)) {
    const { ingestTime: _sourceIngest, ...kept } = source as Record<string, unknown>
    out.source = kept
  } else if (source !== undefined) out.source = source
  return canonicalJson(out)
}

/** The id of a dead letter: equal for the same rejection of the same content, whenever it came. */
export function deadLetterIdentity (m: Pick<ConsumedMessage, 'topic' | 'key' | 'value' | 'headers'>): string {
  const h = m.headers
  const parts = [m.topic, h['lt-dlq-origin-topic'] ?? '', h['lt-dlq-stream'] ?? '', m.key, h['lt-dlq-code'] ?? '', h['lt-dlq-reason'] ?? '', stableContent(m.value)]
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32)
}
