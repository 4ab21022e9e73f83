// An event log that keeps a copy of everything published through it, per topic, and passes every
// call on to a real adapter: the conformance suite reads what a connector published without
// running a consumer group.
import type { EventLog, OutgoingMessage } from '../../infra/ports/event-log.js'

export interface RecordingLog extends EventLog {
  published: (topic: string) => OutgoingMessage[]
}

export function recordingLog (inner: EventLog): RecordingLog {
  const byTopic = new Map<string, OutgoingMessage[]>()
  return {
    kind: inner.kind,
    async publish (topic, messages) {
      await inner.publish(topic, messages)
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...messages])
    },
    subscribe: async options => await inner.subscribe(options),
    lastOffsets: async topics => await inner.lastOffsets(topics),
    ping: async () => await inner.ping(),
    close: async () => await inner.close(),
    published: topic => byTopic.get(topic) ?? []
  }
}
