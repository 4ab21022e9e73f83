// A canonical event as a message on `canonical.<entity>`: a CloudEvent in structured mode, keyed
// and with subject the entity id, whose data is the canonical event. The extensions repeat what a
// router or an auditor filters on without opening data: which connector, which source record, and
// when the hub read it.
import { structuredMessage } from '../../infra/ports/cloud-event-message.js'
import type { OutgoingMessage } from '../../infra/ports/event-log.js'
import { canonicalEventType, type CanonicalEvent } from '../../schemas/canonical-event.js'

export function canonicalMessage (e: CanonicalEvent): OutgoingMessage {
  return structuredMessage(e.entityId, {
    specversion: '1.0',
    id: e.id,
    source: `/normalizer/${e.source.connector}`,
    type: canonicalEventType(e.entity, e.op),
    subject: e.entityId,
    time: e.source.sourceTime,
    datacontenttype: 'application/json',
    sourcesystem: e.source.system,
    connectorid: e.source.connector,
    connectorversion: e.source.connectorVersion,
    sourcekey: e.source.sourceKey,
    ingesttime: e.source.ingestTime,
    data: e
  }, { 'lt-entity': e.entity })
}
