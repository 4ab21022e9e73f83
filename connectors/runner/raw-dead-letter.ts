// The dead letter of a raw record a connector refused (it failed the stream's raw schema, or a
// file row could not be read): a CloudEvent of type `vn.lienthong.<stream>.rejected` whose data is
// the record as the source served it, with the same extensions as a change event, and headers
// saying why and where it came from (connector, stream, source key; file and line for imports).
// Nothing reached a topic, so there is no origin topic, partition or offset to name.
import { digest, structuredMessage } from '../../infra/ports/cloud-event-message.js'
import { deadLetterHeaders } from '../../infra/event-log/dead-letters.js'
import type { OutgoingMessage } from '../../infra/ports/event-log.js'
import type { ConnectorManifest } from '../contract.js'

export interface RawRejection {
  manifest: Pick<ConnectorManifest, 'id' | 'version'>
  stream: string
  /** The record's primary key in the source, or `line:<n>` when a file row has none. */
  sourceKey: string
  /** The record, or null when nothing could be read (a broken file row). */
  record: unknown
  code: string
  reason: string
  ingestTime: string
  file?: { name: string, line: number }
}

export function rawDeadLetter (
  { manifest, stream, sourceKey, record, code, reason, ingestTime, file }: RawRejection
): OutgoingMessage {
  const content = record === null ? '' : JSON.stringify(record)
  return structuredMessage(sourceKey, {
    specversion: '1.0',
    // Equal for the same record refused again, so the archiver keeps one letter.
    id: `${manifest.id}:${stream}:${sourceKey}:rejected:${digest(content)}`,
    source: `/connectors/${manifest.id}/${stream}`,
    type: `vn.lienthong.${stream}.rejected`,
    subject: sourceKey,
    time: ingestTime,
    datacontenttype: 'application/json',
    sourcekey: sourceKey,
    connectorid: manifest.id,
    connectorversion: manifest.version,
    ingesttime: ingestTime,
    data: record
  }, deadLetterHeaders({
    reason: file === undefined ? reason : `${file.name} line ${file.line}: ${reason}`,
    code,
    origin: { connector: manifest.id, stream, sourceKey, file: file?.name, line: file?.line },
    wrapped: 'record'
  }))
}
