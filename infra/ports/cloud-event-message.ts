// Every message on every topic is a CloudEvent in the Kafka protocol binding's structured content
// mode: the value is the whole event as JSON and the `content-type` header says so. Structured,
// not binary, because the value then is self-contained: a dead letter, an archived copy or a file
// export of the value keeps every attribute, and readers that only look at the value (ours and
// older ones) keep working. See docs/api.md, "Event envelope".
import { createHash } from 'node:crypto'
import type { OutgoingMessage } from './outgoing-message.js'

export const CLOUDEVENTS_JSON = 'application/cloudevents+json'
export const CONTENT_TYPE_HEADER = 'content-type'

/** What a structured-mode CloudEvent carries at least (extensions are lower-case, string-valued). */
export interface CloudEventBase {
  specversion: '1.0'
  id: string
  source: string
  type: string
  time: string
  subject?: string
  datacontenttype?: string
  data?: unknown
  [extension: string]: unknown
}

/** A message holding `event` in structured mode, keyed by `key`, with any extra headers. */
export function structuredMessage (
  key: string, event: CloudEventBase, headers: Record<string, string> = {}
): OutgoingMessage {
  return { key, value: JSON.stringify(event), headers: { ...headers, [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON } }
}

/**
 * True when the value is a CloudEvent in JSON (the required attributes, and `time`, which the
 * SDKs' Kafka bindings need), whatever its headers say.
 */
export function isCloudEventJson (value: string): boolean {
  try {
    const v = JSON.parse(value) as Record<string, unknown>
    return v !== null && v.specversion === '1.0' && typeof v.id === 'string' && typeof v.type === 'string' &&
      typeof v.source === 'string' && typeof v.time === 'string'
  } catch { return false }
}

/** A short stable digest, for ids that must be equal for equal content. */
export const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 16)
