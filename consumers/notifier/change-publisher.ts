// The merger's hook that publishes the change feed: each new golden version as a CloudEvent on
// `changes.<entity>`, before the golden record itself is written (merge-batch.ts), so a crash in
// between publishes the change again on redelivery rather than losing it.
import type { EventLog } from '../../infra/ports/event-log.js'
import { changeMessages, type AppliedVersions } from '../../records/subscriptions/change-event.js'

export function changePublisher (eventLog: EventLog): (applied: AppliedVersions[]) => Promise<void> {
  return async applied => {
    for (const [topic, messages] of changeMessages(applied)) await eventLog.publish(topic, messages)
  }
}
