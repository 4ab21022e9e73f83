// Builds the envelope for one raw change: a CloudEvent (see schemas/change-event.ts). The id is
// derived from the source's own position, so a record read twice (a retried page, a replayed run)
// yields the same event id and consumers can drop the duplicate.
import { changeEventType, type ChangeEvent } from '../../schemas/change-event.js'
import { structuredMessage } from '../../infra/ports/cloud-event-message.js'
import type { OutgoingMessage } from '../../infra/ports/event-log.js'
import type { ConnectorManifest, RawChange } from '../contract.js'

export function toChangeEvent (
  manifest: Pick<ConnectorManifest, 'id' | 'version'>,
  stream: string,
  change: RawChange,
  snapshot: boolean,
  ingestTime: string
): ChangeEvent {
  const op = snapshot && change.op !== 'd' ? 'r' : change.op
  return {
    specversion: '1.0',
    id: `${manifest.id}:${stream}:${change.sourceKey}:${change.sourceTime}`,
    source: `/connectors/${manifest.id}/${stream}`,
    type: changeEventType(stream, op),
    subject: change.entityKey,
    time: change.sourceTime,
    datacontenttype: 'application/json',
    op,
    sourcekey: change.sourceKey,
    position: `${change.sourceTime}|${change.sourceKey}`,
    connectorid: manifest.id,
    connectorversion: manifest.version,
    ingesttime: ingestTime,
    data: change.data
  }
}

/** The message for a change event on its source topic: keyed by the entity, structured mode. */
export const changeEventMessage = (event: ChangeEvent, headers: Record<string, string> = {}): OutgoingMessage =>
  structuredMessage(event.subject, event, headers)
