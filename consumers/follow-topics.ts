// A subscription whose topic list can grow at run time (a connector registered through the API
// brings its own raw and dead-letter topics). The port subscribes to a fixed list, so this checks
// the list every few seconds and, when it changed, stops the subscription (the batch in hand
// finishes and commits) and subscribes again with the new list. Positions are per group and
// topic, so nothing is read twice or skipped across the restart.
import type { Logger } from 'pino'
import type { Subscription, SubscriptionState } from '../infra/ports/event-log.js'

export interface FollowTopicsOptions {
  topics: () => Promise<string[]>
  subscribe: (topics: string[]) => Promise<Subscription>
  intervalMs: number
  logger: Logger
}

export async function followTopics (
  { topics, subscribe, intervalMs, logger }: FollowTopicsOptions
): Promise<Subscription> {
  let current = [...new Set(await topics())].sort()
  let subscription = await subscribe(current)
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let checking: Promise<void> | undefined

  // True between stopping the old subscription and a new one succeeding.
  let detached = false

  async function check (): Promise<void> {
    let next: string[]
    try { next = [...new Set(await topics())].sort() } catch (err) {
      logger.warn(
        { err: { message: (err as Error).message } }, 'topic list unavailable; keeping the current subscription'
      )
      return
    }
    if (stopped) return
    if (!detached) {
      if (subscription.state() !== 'running' || next.join('\n') === current.join('\n')) return
      await subscription.stop()
      detached = true
      if (stopped) return
    }
    // Subscribing writes the new topics' starting positions, which fails on a full disk. Thrown
    // from here, nobody heard it (an unhandled rejection: the process died); the next check tries again.
    try { subscription = await subscribe(next) } catch (err) {
      logger.warn(
        { err: { message: (err as Error).message } }, 'could not subscribe to the new topic list; trying again'
      )
      return
    }
    detached = false
    logger.info(
      { added: next.filter(t => !current.includes(t)), removed: current.filter(t => !next.includes(t)) },
      'subscription follows new topics'
    )
    current = next
  }

  function schedule (): void {
    if (stopped) return
    timer = setTimeout(() => { checking = check().finally(() => { checking = undefined; schedule() }) }, intervalMs)
    timer.unref()
  }
  schedule()

  return {
    async stop () {
      stopped = true
      clearTimeout(timer)
      await checking
      await subscription.stop()
    },
    // Detached is not running: readiness and supervision must not count it as consuming.
    state: (): SubscriptionState => detached && !stopped ? 'failed' : subscription.state()
  }
}
