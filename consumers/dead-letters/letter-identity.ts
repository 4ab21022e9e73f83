// Which dead letters are the same letter. A source that sends a record again (a connector killed
// before saving its cursor, a poll re-run from an empty cursor, a redelivered batch) makes the
// same rejection again, at a new position of the dead-letter topic and with a new ingest time.
// A clerk must see it once: the letter's id derives from who rejected it, where it came from, its
// key, its content without the transport's stamps, its code and its reason.
import { createHash } from 'node:crypto'
import type { ConsumedMessage } from '../../infra/ports/event-log.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import { DEAD_LETTER_HEADER as H, unwrapDeadLetterValue } from '../../infra/event-log/dead-letters.js'

/** The message value without what changes when the same change is delivered again. */
export function stableContent (value: string): string {
  let parsed: unknown
  try { parsed = JSON.parse(value) } catch { return value }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return canonicalJson(parsed)
  // ingestTime / ingesttime: the older and the current (CloudEvents) envelope.
  const {
    ingestTime: _ingest,
    ingesttime: _ingesttime,
    op,
    type,
    source,
    data,
    ...rest
  } = parsed as Record<string, unknown>
  const out: Record<string, unknown> = { ...rest }
  // A raw change read in a snapshot is 'r', the same change read incrementally 'c' or 'u'; the
  // current envelope also says so in its type (….read, ….created, ….updated).
  if (op !== undefined) out.op = op === 'r' || op === 'c' || op === 'u' ? 'write' : op
  if (type !== undefined) {
    out.type = typeof type === 'string' ? type.replace(/\.(read|created|updated)$/, '.written') : type
  }
  // A canonical event in the current envelope carries its provenance (with ingest time) in data.
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'source' in data && 'entity' in data) {
    out.data = JSON.parse(stableContent(JSON.stringify(data)))
  } else if (data !== undefined) out.data = data
  if (source !== null && typeof source === 'object' && !Array.isArray(source)) {
    const { ingestTime: _sourceIngest, ...kept } = source as Record<string, unknown>
    out.source = kept
  } else if (source !== undefined) out.source = source
  return canonicalJson(out)
}

/**
 * The id of a dead letter: equal for the same rejection of the same content, whenever it came.
 * The origin counts by topic or connector, never by partition or offset (a redelivery moves
 * those); a letter that wraps what was rejected counts by what it wraps, so a raw record refused
 * again (with a new ingest time on its wrapper) is the same letter.
 */
export function deadLetterIdentity (m: Pick<ConsumedMessage, 'topic' | 'key' | 'value' | 'headers'>): string {
  const h = m.headers
  const origin = h[H.originTopic] ?? h[H.originConnector] ?? ''
  const parts = [
    m.topic, origin, h[H.stream] ?? '', m.key, h[H.code] ?? '', h[H.reason] ?? '',
    stableContent(unwrapDeadLetterValue(m.value, h))
  ]
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32)
}
