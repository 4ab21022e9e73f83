// Supervises one consumer: whatever makes its subscription give up (a handler that kept failing,
// a Kafka member removed from its group, …) it is stopped and started again after a bounded,
// jittered exponential backoff, for as long as the hub runs. It also tells readiness the truth: a
// consumer that is restarting, or whose last batch failed and has not succeeded since, is not
// consuming, and readiness names it with its lag. A consumer that says it consumes while its group's
// positions sit still with work waiting (consumers/stall-detector.ts) is stalled: readiness names it,
// and it is restarted like one that gave up.
import type { Logger } from 'pino'
import type { BatchHandler, EventLog, Subscription, SubscriptionState } from '../infra/ports/event-log.js'
import { backoffDelay, sleep } from '../infra/shared/retry.js'
import { createStallDetector, positionsMark, type StallVerdict } from './stall-detector.js'

/** Default of consumer.stallMs: longer than any batch should take, short enough to matter. */
export const DEFAULT_STALL_MS = 60000

export interface SupervisionSettings {
  /** First wait before a restart; doubles with each failed restart in a row. */
  restartMinMs: number
  /** Longest wait between restarts. */
  restartMaxMs: number
  /**
   * How long a group may have work waiting while none of its positions moves before its consumer
   * is stalled (and restarted). Defaults to DEFAULT_STALL_MS.
   */
  stallMs?: number
}

export type ConsumerCondition = 'consuming' | 'failing' | 'restarting' | 'stalled' | 'stopped'
export type RestartReason = 'crashed' | 'stalled'

export interface ConsumerHealth {
  name: string
  condition: ConsumerCondition
  restarts: number
  lastError?: string
  /** The consumer group, once it subscribed. */
  group?: string
  /** While stalled: when its positions last moved (ms since the epoch). */
  stalledSince?: number
}

export interface SupervisedConsumer extends Subscription {
  readonly name: string
  health: () => ConsumerHealth
  /** Messages its group has not committed yet, when the event log can say. */
  lag: () => Promise<number | undefined>
  /** The lag at the supervisor's last reading of the group's positions, and when it was read. */
  lastLag: () => { lag: number, at: number } | undefined
}

export interface SuperviseOptions extends SupervisionSettings {
  name: string
  eventLog: EventLog
  logger: Logger
  /** Starts the consumer on the event log given (the supervisor's view of the real one). */
  start: (eventLog: EventLog) => Promise<Subscription>
  /** Told of each restart begun, with its cause (the hub counts them in lt_consumer_restarts_total). */
  onRestart?: (reason: RestartReason) => void
}

export async function superviseConsumer (options: SuperviseOptions): Promise<SupervisedConsumer> {
  const { name, eventLog, start, restartMinMs, restartMaxMs, stallMs = DEFAULT_STALL_MS } = options
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
  // When lastError happened: a stall names only an error seen since its positions last moved.
  let lastErrorAt = 0
  const stall = createStallDetector({ stallMs })
  // A subscription that does not stop (its handler hangs) is left behind after this long.
  const stopGraceMs = Math.min(stallMs, 10000)
  // Each start is a generation: a subscription left behind may still end its hung batch later,
  // and what it reports then (a failure, its giving up) must not touch the one that replaced it.
  let generation = 0

  // Every subscribe the consumer makes (followTopics subscribes again when topics change) goes
  // through here: its handler reports each batch, and its giving up triggers a restart.
  const watchedLog: EventLog = {
    ...eventLog,
    subscribe: async opts => {
      group = opts.group
      topics = opts.topics
      const mine = generation
      const handler: BatchHandler = async messages => {
        try {
          await opts.handler(messages)
        } catch (err) {
          if (mine !== generation) throw err
          if (condition === 'consuming') condition = 'failing'
          failed((err as Error).message)
          throw err
        }
        if (mine !== generation) return
        if (condition === 'failing') { condition = 'consuming'; logger.info('consumer recovered') }
        stall.progressed()
        failedInARow = 0
      }
      return await eventLog.subscribe({
        ...opts,
        handler,
        onFatal: err => {
          opts.onFatal?.(err)
          if (mine === generation) crashed(err)
          else logger.info({ err: { message: err.message } }, 'a subscription left behind ended')
        }
      })
    }
  }

  function failed (message: string): void {
    lastError = message
    lastErrorAt = Date.now()
  }

  function crashed (err: Error): void {
    failed(err.message)
    restartFor('crashed')
  }

  function restartFor (reason: RestartReason): void {
    if (stopping.signal.aborted || restarting !== undefined) return
    condition = 'restarting'
    options.onRestart?.(reason)
    restarting = restart().finally(() => { restarting = undefined })
  }

  async function restart (): Promise<void> {
    await stopWithin(current)
    while (!stopping.signal.aborted) {
      failedInARow++
      const wait = backoffDelay(failedInARow, restartMinMs, restartMaxMs)
      logger.warn({ err: { message: lastError }, restartInMs: wait, restarts }, 'consumer stopped; restarting')
      await sleep(wait, stopping.signal)
      if (stopping.signal.aborted) return
      try {
        generation++
        current = await start(watchedLog)
        restarts++
        stall.restarted()
        // Consuming only once a batch succeeds (or nothing is waiting, see checkConsumers).
        condition = 'failing'
        logger.info({ restarts }, 'consumer restarted')
        // A stop requested while it was starting must not leave it running.
        if (stopping.signal.aborted) await current.stop()
        return
      } catch (err) {
        failed((err as Error).message)
      }
    }
  }

  // A stalled consumer's batch may never end, and the adapter's stop waits for the batch in hand.
  // Its subscription is given a grace, then left behind: it fetches nothing more, and if its batch
  // ends after all, it may commit late; as after a rebalance, those messages may be handled twice.
  async function stopWithin (subscription: Subscription | undefined): Promise<void> {
    if (subscription === undefined) return
    const stopped = subscription.stop().then(() => true, () => true)
    const done = await Promise.race([stopped, sleep(stopGraceMs, stopping.signal).then(() => false)])
    if (!done) {
      logger.warn({ graceMs: stopGraceMs }, 'consumer did not stop (its batch hangs); starting a new one beside it')
    }
  }

  // Reads the group's positions every so often: the stall verdict, and a restart when it is due.
  const checkEveryMs = Math.max(50, Math.min(5000, Math.floor(stallMs / 4)))
  let timer: NodeJS.Timeout | undefined
  let lastVerdict: StallVerdict = { stalled: false, restartDue: false }
  let lastReading: { lag: number, at: number } | undefined
  async function checkStall (): Promise<void> {
    // Failing batches are judged too: a failure that lasts a whole window (a long store outage) is
    // a stall as well, and its restart is bounded by the same backoff.
    const judged = condition === 'consuming' || condition === 'failing'
    if (!judged || group === undefined || eventLog.groupPositions === undefined) return
    const positions = await eventLog.groupPositions(group, topics)
    const lag = positions.reduce((n, p) => n + p.lag, 0)
    lastReading = { lag, at: Date.now() }
    // A failed batch that nothing waits behind any more (a restart after the work was committed, or
    // another member took it) holds nothing back: consuming again, without needing a batch to prove it.
    if (condition === 'failing' && lag === 0) { condition = 'consuming'; logger.info({ group }, 'consumer caught up') }
    const verdict = stall.observe({ lag, mark: positionsMark(positions) })
    if (verdict.stalled && !lastVerdict.stalled) {
      logger.warn(
        { group, since: new Date(verdict.since ?? 0).toISOString(), stallMs },
        'consumer stalled: work waits and its positions do not move'
      )
    }
    if (!verdict.stalled && lastVerdict.stalled) logger.info({ group }, 'stalled consumer moves again')
    lastVerdict = verdict
    if (verdict.restartDue) {
      logger.warn({ group, stallMs }, 'restarting a stalled consumer')
      restartFor('stalled')
    }
  }
  const schedule = (): void => {
    if (stopping.signal.aborted) return
    timer = setTimeout(() => {
      // A failed reading (the log unreachable) decides nothing; the log's own check says so.
      checkStall().catch(() => {}).finally(schedule)
    }, checkEveryMs)
    timer.unref()
  }

  current = await start(watchedLog)
  schedule()

  const stalledNow = (): number | undefined => {
    const v = stall.verdict()
    return v.stalled && condition !== 'stopped' ? v.since : undefined
  }

  return {
    name,
    async stop () {
      stopping.abort()
      clearTimeout(timer)
      await restarting
      await current?.stop()
      condition = 'stopped'
    },
    state: (): SubscriptionState => condition === 'stopped'
      ? 'stopped'
      : condition === 'restarting' ? 'failed' : 'running',
    health: () => {
      const since = stalledNow()
      // Stalled wins over consuming or restarting until positions move: that is what is wrong.
      const shown: ConsumerCondition = since !== undefined ? 'stalled' : condition
      return {
        name,
        condition: shown,
        restarts,
        ...(group !== undefined ? { group } : {}),
        ...(since !== undefined ? { stalledSince: since } : {}),
        ...(lastError !== undefined && shown !== 'consuming' &&
          (since === undefined || lastErrorAt >= since) ? { lastError } : {})
      }
    },
    lag: async () => group === undefined || eventLog.groupLag === undefined
      ? undefined
      : await eventLog.groupLag(group, topics),
    lastLag: () => lastReading
  }
}

/** How old a supervisor's lag reading may be for readiness to use it (readings come every ≤5 s). */
const RECENT_LAG_MS = 15000

/** Readiness check of supervised consumers: throws naming each one that is not consuming. */
export async function checkConsumers (consumers: SupervisedConsumer[]): Promise<void> {
  const parts = await Promise.all(consumers.filter(c => c.health().condition !== 'consuming').map(async c => {
    const h = c.health()
    // A recent reading of the supervisor's own: readiness must answer within its bound, and reading a
    // group's positions on a loaded broker can take longer than that.
    const recent = c.lastLag()
    const lag = recent !== undefined && Date.now() - recent.at < RECENT_LAG_MS
      ? recent.lag
      : await c.lag().catch(() => undefined)
    // Failing with nothing waiting: restarted and idle, or its last failure was on a batch since
    // consumed by another member of the group. Nothing is held back.
    if (h.condition === 'failing' && lag === 0) return undefined
    if (h.condition === 'stalled') {
      // Caught up since the last reading: the next one clears the stall.
      if (lag === 0) return undefined
      return `${h.name} stalled (group ${h.group ?? '?'}${lag !== undefined ? `, lag ${lag}` : ''}, ` +
        `no progress since ${new Date(h.stalledSince ?? 0).toISOString()}, restarts ${h.restarts})` +
        (h.lastError !== undefined ? `: ${h.lastError}` : '')
    }
    return `${h.name} ${h.condition}${lag !== undefined ? ` (lag ${lag})` : ''}` +
      `${h.lastError !== undefined ? `: ${h.lastError}` : ''}`
  }))
  const down = parts.filter(p => p !== undefined)
  if (down.length > 0) throw new Error(down.join('; '))
}
