// Kafka adapter of the event-log port (kafkajs, classic consumer-group protocol).
// kafkajs is in maintenance mode; keeping it behind this one file means it can be swapped.
import { Kafka, logLevel as KafkaLogLevel, type Consumer, type Producer, type Admin, type LogEntry } from 'kafkajs'
import type { Logger } from 'pino'
import type {
  ConsumedMessage,
  EventLog,
  GroupPosition,
  PartitionEnd,
  SubscribeOptions,
  Subscription,
  SubscriptionState
} from '../ports/event-log.js'
import { runBatchWithRetries } from './batch-runner.js'
import { keepDownOnceStopped, restartOnlyWhile } from './kafka-revival-guard.js'
import { backoffDelay, sleep, withTimeout } from '../shared/retry.js'

export interface KafkaEventLogOptions {
  brokers: string[]
  clientId: string
  requestTimeoutMs: number
  logger: Logger
  /**
   * Prefix for every topic and group name, so several hubs (or test runs, or a benchmark) can
   * share one cluster without reading each other's events. Callers never see it.
   */
  namespace?: string
  /** Partitions for topics this adapter creates. */
  partitions?: number
}

const HEARTBEAT_MS = 1000

/** Clears a memoized connection when it fails, so the next caller tries again. */
function forgetOnFailure<T> (ready: Promise<T>, forget: () => void): Promise<T> {
  ready.catch(forget)
  return ready
}

/** Checks of a new topic's leaders before giving up (with backoff up to 1 s: about 15 s). */
const LEADER_CHECKS = 20

const TRANSIENT_LEADER_ERRORS =
  /not the leader for that topic-partition|does not host this topic-partition|no leader for this topic-partition/

/** Errors that mean "this partition's leader is not serving yet": worth waiting for. */
function leaderMissing (err: unknown): boolean {
  const type = (err as { type?: string, cause?: { type?: string } }).type ??
    (err as { cause?: { type?: string } }).cause?.type
  return type === 'NOT_LEADER_FOR_PARTITION' || type === 'NOT_LEADER_OR_FOLLOWER' || type === 'LEADER_NOT_AVAILABLE' ||
    type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'REPLICA_NOT_AVAILABLE'
}

export function openKafkaEventLog (options: KafkaEventLogOptions): EventLog {
  const { brokers, clientId, requestTimeoutMs, logger, partitions = 3, namespace = '' } = options
  const prefix = namespace === '' ? '' : `${namespace}.`
  const real = (name: string): string => prefix + name
  const logical = (name: string): string => name.startsWith(prefix) ? name.slice(prefix.length) : name
  const kafka = new Kafka({
    clientId,
    brokers,
    connectionTimeout: Math.min(requestTimeoutMs, 5000),
    requestTimeout: requestTimeoutMs,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
    logLevel: KafkaLogLevel.WARN,
    logCreator: () => ({ level, log }: LogEntry) => {
      const { message, ...extra } = log
      // A partition whose leader is not serving yet is waited for (and reported if it stays
      // so); kafkajs logging each such answer as an error would only be noise.
      const transient = typeof extra.error === 'string' && TRANSIENT_LEADER_ERRORS.test(extra.error)
      logger[transient ? 'debug' : level <= KafkaLogLevel.ERROR ? 'error' : 'warn']({ kafka: extra }, message)
    }
  })
  let producer: Producer | undefined
  let admin: Admin | undefined
  const knownTopics = new Set<string>()
  const consumers = new Set<Subscription>()
  let closed = false

  // Memoized as promises: concurrent first callers share one client instead of leaking a second.
  // A client whose first connect failed is forgotten, so the next caller connects afresh instead of
  // being handed the same old rejection (ECONNREFUSED long after Kafka is back).
  let adminReady: Promise<Admin> | undefined
  async function getAdmin (): Promise<Admin> {
    adminReady ??= forgetOnFailure(
      (async () => { const a = kafka.admin(); await a.connect(); admin = a; return a })(),
      () => { adminReady = undefined }
    )
    return await adminReady
  }

  const creating = new Map<string, Promise<void>>()
  async function ensureTopics (topics: string[]): Promise<void> {
    const missing = topics.filter(t => !knownTopics.has(t))
    if (missing.length === 0) return
    // One creation per topic at a time in this process: concurrent publishers wait for it.
    const fresh = missing.filter(t => !creating.has(t))
    if (fresh.length > 0) {
      const created = createTopics(fresh)
      for (const t of fresh) creating.set(t, created)
      void created.catch(() => { for (const t of fresh) creating.delete(t) })
    }
    await Promise.all(missing.map(async t => await creating.get(t)))
    for (const t of missing) knownTopics.add(t)
  }

  async function createTopics (topics: string[]): Promise<void> {
    const a = await getAdmin()
    const existing = new Set(await a.listTopics())
    const toCreate = topics.filter(t => !existing.has(t))
    // Creating a topic another process just created is harmless (createTopics then resolves false).
    // kafkajs's own waitForLeaders can leak an unhandled UNKNOWN_TOPIC_OR_PARTITION on a freshly
    // started broker, so leaders are awaited here instead, with a bounded number of checks.
    if (toCreate.length > 0) {
      await a.createTopics({
        waitForLeaders: false,
        topics: toCreate.map(topic => ({ topic, numPartitions: partitions, replicationFactor: 1 }))
      })
    }
    // The metadata names a leader before that broker serves the partition (KRaft propagates it
    // a moment later): a produce in that window fails with NOT_LEADER_OR_FOLLOWER. A topic is
    // ready when its offsets can be listed, which only the serving leader answers.
    await Promise.all(topics.map(async topic => {
      const held = (await topicOffsets(topic)).length
      // An existing topic keeps its partitions (adding some would move keys and break per-record order).
      if (held !== partitions) {
        logger.warn(
          { topic: logical(topic), partitions: held, setting: partitions },
          'topic exists with another partition count than kafka.partitions; it keeps its own'
        )
      }
    }))
  }

  // Committed position and lag per partition; a partition the group never committed on counts
  // from the first offset the topic still holds.
  async function groupPositions (group: string, topics: string[]): Promise<GroupPosition[]> {
    if (closed) throw new Error('event log is closed')
    const realTopics = topics.map(real)
    const a = await getAdmin()
    const committed = await withTimeout(
      a.fetchOffsets({ groupId: real(group), topics: realTopics }), requestTimeoutMs, 'Kafka fetchOffsets'
    )
    const positions: GroupPosition[] = []
    // Read at once: one topic after another took seconds for a consumer of many topics on a loaded broker.
    const endsOf = await Promise.all(realTopics.map(async topic => await topicOffsets(topic)))
    for (const [i, topic] of realTopics.entries()) {
      const ends = endsOf[i]
      const done = committed.find(c => c.topic === topic)?.partitions ?? []
      for (const end of ends) {
        const offset = done.find(d => d.partition === end.partition)?.offset ?? '-1'
        const at = BigInt(offset)
        const from = at < BigInt(end.low) ? BigInt(end.low) : at
        positions.push({
          topic: logical(topic),
          partition: end.partition,
          committed: at < 0n ? null : offset,
          lag: BigInt(end.high) > from ? Number(BigInt(end.high) - from) : 0
        })
      }
    }
    return positions
  }

  /** Offsets of a topic's partitions, retried (bounded) while a partition has no serving leader. */
  async function topicOffsets (topic: string): Promise<Array<{ partition: number, high: string, low: string }>> {
    const a = await getAdmin()
    for (let attempt = 1; ; attempt++) {
      try {
        const offsets = await withTimeout(a.fetchTopicOffsets(topic), requestTimeoutMs, 'Kafka fetchTopicOffsets')
        if (offsets.length > 0) return offsets
        if (attempt >= LEADER_CHECKS) throw new Error(`Kafka topic ${topic} has no partitions`)
      } catch (err) {
        if (attempt >= LEADER_CHECKS || !leaderMissing(err)) throw err
      }
      await sleep(backoffDelay(attempt, 100, 1000))
    }
  }

  let producerReady: Promise<Producer> | undefined
  async function getProducer (): Promise<Producer> {
    producerReady ??= forgetOnFailure((async () => {
      // Idempotent: when a send is retried after a partial failure (a partition briefly without
      // its leader on a fresh topic), the broker drops the copies it already has, so a retry
      // never writes a message twice.
      const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 })
      await p.connect()
      producer = p
      return p
    })(), () => { producerReady = undefined })
    return await producerReady
  }

  async function subscribe (opts: SubscribeOptions): Promise<Subscription> {
    if (closed) throw new Error('event log is closed')
    const { group, handler, fromBeginning = true, maxBatchSize = 500, maxAttempts = 8, onFatal } = opts
    const topics = opts.topics.map(real)
    await ensureTopics(topics)
    const abort = new AbortController()
    let state: SubscriptionState = 'running'
    // Stopped, or given up on (its owner starts a new one): kafkajs must not bring it back.
    const wanted = (): boolean => !abort.signal.aborted && state === 'running'
    const consumer: Consumer = kafka.consumer({
      groupId: real(group),
      sessionTimeout: 10000,
      heartbeatInterval: HEARTBEAT_MS,
      maxWaitTimeInMs: 250,
      retry: { retries: 5, restartOnFailure: restartOnlyWhile(wanted) }
    })
    keepDownOnceStopped(consumer, wanted, logger, real(group))
    // kafkajs restarts the consumer itself after a retriable crash; after any other (the member
    // was removed from the group, …) it stops for good, which must not go unnoticed.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || abort.signal.aborted || state !== 'running') return
      state = 'failed'
      onFatal?.(payload.error)
    })
    // A consumer that could not join (Kafka down) is disconnected, so a supervised retry leaks nothing.
    try {
      await consumer.connect()
      await consumer.subscribe({ topics, fromBeginning })
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }) => {
          for (let i = 0; i < batch.messages.length; i += maxBatchSize) {
            if (!isRunning() || isStale() || abort.signal.aborted) return
            const chunk: ConsumedMessage[] = batch.messages.slice(i, i + maxBatchSize).map(m => ({
              topic: logical(batch.topic),
              partition: batch.partition,
              offset: m.offset,
              key: m.key?.toString('utf8') ?? '',
              value: m.value?.toString('utf8') ?? '',
              headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? ''])),
              timestamp: Number(m.timestamp)
            }))
            // The group coordinator removes a member that stays silent for sessionTimeout: a batch
            // waiting on a slow or absent store keeps heartbeating while it waits and retries.
            const beat = setInterval(
              () => {
                heartbeat().catch(
                  err => logger.debug({ err: { message: (err as Error).message } }, 'heartbeat during a batch failed')
                )
              },
              HEARTBEAT_MS
            )
            const outcome = await runBatchWithRetries(handler, chunk, maxAttempts, abort.signal).finally(
              () => clearInterval(beat)
            )
            if (!outcome.ok) {
              // Nothing is committed: the next member of the group gets this batch again.
              if (!abort.signal.aborted) {
                state = 'failed'
                pause()
                onFatal?.(outcome.error ?? new Error('handler failed'))
                setImmediate(() => { void consumer.disconnect() })
              }
              return
            }
            const last = chunk[chunk.length - 1].offset
            await consumer.commitOffsets([
              { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }
            ])
            resolveOffset(last)
            await heartbeat()
          }
        }
      })
    } catch (err) {
      abort.abort()
      await consumer.disconnect().catch(() => {})
      throw err
    }
    const subscription: Subscription = {
      stop: async () => {
        abort.abort()
        await consumer.disconnect()
        if (state === 'running') state = 'stopped'
        consumers.delete(subscription)
      },
      state: () => state
    }
    consumers.add(subscription)
    // The log closed while this consumer was joining: it must not outlive the log.
    if (closed) { await subscription.stop(); throw new Error('event log is closed') }
    return subscription
  }

  return {
    kind: 'kafka',
    async publish (topic, messages) {
      if (closed) throw new Error('event log is closed')
      if (messages.length === 0) return
      topic = real(topic)
      await ensureTopics([topic])
      const p = await getProducer()
      await p.send({
        topic,
        acks: -1,
        timeout: requestTimeoutMs,
        messages: messages.map(m => ({ key: m.key, value: m.value, headers: m.headers }))
      })
    },
    subscribe,
    async lastOffsets (topics): Promise<PartitionEnd[]> {
      if (closed) throw new Error('event log is closed')
      const realTopics = topics.map(real)
      await ensureTopics(realTopics)
      const ends = await Promise.all(realTopics.map(async topic => {
        const offsets = await topicOffsets(topic)
        return offsets.map(o => ({
          topic: logical(topic),
          partition: o.partition,
          // high is the next offset to be written; low the first still held.
          lastOffset: BigInt(o.high) > BigInt(o.low) ? (BigInt(o.high) - 1n).toString() : null
        }))
      }))
      return ends.flat()
    },
    async groupLag (group, topics) {
      return (await groupPositions(group, topics)).reduce((n, p) => n + p.lag, 0)
    },
    groupPositions,
    async ping () {
      const a = await withTimeout(getAdmin(), requestTimeoutMs, 'Kafka connect')
      await withTimeout(a.describeCluster(), requestTimeoutMs, 'Kafka describeCluster')
    },
    async close () {
      if (closed) return
      closed = true
      await Promise.all([...consumers].map(async s => await s.stop()))
      // Clients still connecting are awaited, so none is left open behind a closed log.
      await Promise.allSettled([producerReady, adminReady])
      await producer?.disconnect()
      await admin?.disconnect()
    }
  }
}
