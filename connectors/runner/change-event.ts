// Builds the envelope for one raw change. The id is derived from the source's own position, so a
// record read twice (a retried page, a replayed run) yields the same event id and consumers can
// drop the duplicate.
import type { ChangeEvent } from '../../schemas/change-event.js'
import type { ConnectorManifest, RawChange } from '../contract.js'

export function toChangeEvent (manifest: ConnectorManifest, stream: string, change: RawChange, snapshot: boolean, ingestTime: string): ChangeEvent {
  const position = `${change.sourceTime}|${change.sourceKey}`
  return {
    specversion: '1.0',
    id: `${manifest.id}:${stream}:${change.sourceKey}:${change.sourceTime}`,
    source: `/connectors/${manifest.id}/${stream}`,
    type: `vn.lienthong.raw.${manifest.id}.${stream}`,
    subject: change.entityKey,
    time: change.sourceTime,
    op: snapshot && change.op !== 'd' ? 'r' : change.op,
    key: change.sourceKey,
    position,
    connector: { id: manifest.id, version: manifest.version },
    ingestTime,
    data: change.data
  }
}
