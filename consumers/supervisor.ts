// Supervises one consumer: whatever makes its subscription give up (a handler that kept failing,
// a Kafka member removed from its group, …) it is stopped and started again after a bounded,
// jittered exponential backoff, for as long as the hub runs. It also tells readiness the truth: a
// consumer that is restarting, or whose last batch failed and has not succeeded since, is not
// consuming, and readiness names it with its lag.
import type { Logger } from 'pino'
import type { BatchHandler, EventLog, Subscription, SubscriptionState } from '../infra/ports/event-log.js'
import { backoffDelay, sleep } from '../infra/shared/retry.js'

export interface SupervisionSettings {
  /** First wait before a restart; doubles with each failed restart in a row. */
  restartMinMs: number
  /** Longest wait between restarts. */
  restartMaxMs: number
}

export type ConsumerCondition = 'consuming' | 'failing' | 'restarting' | 'stopped'

export interface ConsumerHealth {
  name: string
  condition: ConsumerCondition
  restarts: number
  lastError?: string
}

export interface SupervisedConsumer extends Subscription {
  readonly name: string
  health: () => ConsumerHealth
  /** Messages its group has not committed yet, when the event log can say. */
  lag: () => Promise<number | undefined>
}

export interface SuperviseOptions extends SupervisionSettings {
  name: string
  eventLog: EventLog
  logger: Logger
  /** Starts the consumer on the event log given (the supervisor's view of the real one). */
  start: (eventLog: EventLog) => Promise<Subscription>
}

export async function superviseConsumer (options: SuperviseOptions): Promise<SupervisedConsumer> {
  const { name, eventLog, start, restartMinMs, restartMaxMs } = options
  const logger = options.logger.child({ supervised: name })
  let current: Subscription | undefined
  let condition: ConsumerCondition = 'consuming'
  let lastError: string | undefined
  let restarts = 0
  let failedInARow = 0
  let group: string | undefined
  let topics: string[] = []
  const stopping = new AbortController()
  let restarting: Promise<void> | undefined

  // Every subscribe the consumer makes (followTopics subscribes again when topics change) goes
  // through here: its handler reports each batch, and its giving up triggers a restart.
  const watchedLog: EventLog = {
    ...eventLog,
    subscribe: async opts => {
      group = opts.group
      topics = opts.topics
      const handler: BatchHandler = async messages => {
        try {
          await opts.handler(messages)
        } catch (err) {
          if (condition === 'consuming') condition = 'failing'
          lastError = (err as Error).message
          throw err
        }
        if (condition === 'failing') { condition = 'consuming'; logger.info('consumer recovered') }
        failedInARow = 0
      }
      return await eventLog.subscribe({
        ...opts,
        handler,
        onFatal: err => { opts.onFatal?.(err); crashed(err) }
      })
    }
  }

  function crashed (err: Error): void {
    lastError = err.message
    if (stopping.signal.aborted || restarting !== undefined) return
    condition = 'restarting'
    restarting = restart().finally(() => { restarting = undefined })
  }

  async function restart (): Promise<void> {
    await current?.stop().catch(() => {})
    while (!stopping.signal.aborted) {
      failedInARow++
      const wait = backoffDelay(failedInARow, restartMinMs, restartMaxMs)
      logger.warn({ err: { message: lastError }, restartInMs: wait, restarts }, 'consumer stopped; restarting')
      await sleep(wait, stopping.signal)
      if (stopping.signal.aborted) return
      try {
        current = await start(watchedLog)
        restarts++
        // Consuming only once a batch succeeds (or nothing is waiting, see checkConsumers).
        condition = 'failing'
        logger.info({ restarts }, 'consumer restarted')
        // A stop requested while it was starting must not leave it running.
        if (stopping.signal.aborted) await current.stop()
        return
      } catch (err) {
        lastError = (err as Error).message
      }
    }
  }

  current = await start(watchedLog)

  return {
    name,
    async stop () {
      stopping.abort()
      await restarting
      await current?.stop()
      condition = 'stopped'
    },
    state: (): SubscriptionState => condition === 'stopped' ? 'stopped' : condition === 'restarting' ? 'failed' : 'running',
    health: () => ({ name, condition, restarts, ...(lastError !== undefined && condition !== 'consuming' ? { lastError } : {}) }),
    lag: async () => group === undefined || eventLog.groupLag === undefined ? undefined : await eventLog.groupLag(group, topics)
  }
}

/** Readiness check of supervised consumers: throws naming each one that is not consuming. */
export async function checkConsumers (consumers: SupervisedConsumer[]): Promise<void> {
  const parts = await Promise.all(consumers.filter(c => c.health().condition !== 'consuming').map(async c => {
    const h = c.health()
    const lag = await c.lag().catch(() => undefined)
    // Failing with nothing waiting: restarted and idle, or its last failure was on a batch since
    // consumed by another member of the group. Nothing is held back.
    if (h.condition === 'failing' && lag === 0) return undefined
    return `${h.name} ${h.condition}${lag !== undefined ? ` (lag ${lag})` : ''}${h.lastError !== undefined ? `: ${h.lastError}` : ''}`
  }))
  const down = parts.filter(p => p !== undefined)
  if (down.length > 0) throw new Error(down.join('; '))
}
