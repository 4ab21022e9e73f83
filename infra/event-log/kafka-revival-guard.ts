// Keeps a kafkajs consumer that was stopped (or given up on) from coming back by itself.
// kafkajs restarts a consumer after a retriable crash on a timer of its own; its crash handler
// disconnects first and schedules the restart after, so a stop that lands during that disconnect
// (the broker is away: the batch failed and the fetch crashed at the same moment) is undone a few
// seconds later. The revived consumer joins the group again behind everyone's back, takes its share
// of the partitions and returns every batch unread, because its own subscription is stopped: the
// lag of those partitions stays put while the supervised replacement looks healthy, and its sockets
// keep the process alive after shutdown (issue 12, the broker outage test that hung).
import type { Logger } from 'pino'

/** The part of a kafkajs consumer the guard uses (a fake in unit tests). */
export interface GuardedConsumer {
  on: (event: 'consumer.group_join', listener: (event: { payload: { memberId: string } }) => void) => unknown
  events: { GROUP_JOIN: 'consumer.group_join' }
  disconnect: () => Promise<void>
}

/** For kafkajs's retry.restartOnFailure: restart only a consumer its owner still wants running. */
export const restartOnlyWhile = (wanted: () => boolean) => async (): Promise<boolean> => wanted()

/**
 * Disconnects the consumer again whenever it joins its group while unwanted: the last way back in,
 * a restart already under way when the stop came. Deferred a turn, so kafkajs has marked its runner
 * as running and the disconnect stops it rather than finding it not yet started.
 */
export function keepDownOnceStopped (
  consumer: GuardedConsumer, wanted: () => boolean, logger: Logger, group: string
): void {
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (wanted()) return
    logger.warn({ group }, 'a stopped Kafka consumer joined its group again; disconnecting it')
    setImmediate(() => {
      consumer.disconnect().catch(
        err => logger.debug(
          { err: { message: (err as Error).message }, group }, 'disconnecting a revived consumer failed'
        )
      )
    })
  })
}
