// Kafka adapter of the event-log port (kafkajs, classic consumer-group protocol).
// kafkajs is in maintenance mode; keeping it behind this one file means it can be swapped.
import { Kafka, logLevel as KafkaLogLevel, type Consumer, type Producer, type Admin, type LogEntry } from 'kafkajs'
import type { Logger } from 'pino'
import type { ConsumedMessage, EventLog, SubscribeOptions, Subscription, SubscriptionState } from '../ports/event-log.js'
import { runBatchWithRetries } from './batch-runner.js'
import { withTimeout } from '../shared/retry.js'

export interface KafkaEventLogOptions {
  brokers: string[]
  clientId: string
  requestTimeoutMs: number
  logger: Logger
  /** Partitions for topics this adapter creates. */
  partitions?: number
}

export function openKafkaEventLog (options: KafkaEventLogOptions): EventLog {
  const { brokers, clientId, requestTimeoutMs, logger, partitions = 3 } = options
  const kafka = new Kafka({
    clientId,
    brokers,
    connectionTimeout: Math.min(requestTimeoutMs, 5000),
    requestTimeout: requestTimeoutMs,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
    logLevel: KafkaLogLevel.WARN,
    logCreator: () => ({ level, log }: LogEntry) => {
      const { message, ...extra } = log
      logger[level <= KafkaLogLevel.ERROR ? 'error' : 'warn']({ kafka: extra }, message)
    }
  })
  let producer: Producer | undefined
  let admin: Admin | undefined
  const knownTopics = new Set<string>()
  const consumers = new Set<Subscription>()
  let closed = false

  async function getAdmin (): Promise<Admin> {
    if (admin === undefined) {
      const a = kafka.admin()
      await a.connect()
      admin = a
    }
    return admin
  }

  async function ensureTopics (topics: string[]): Promise<void> {
    const missing = topics.filter(t => !knownTopics.has(t))
    if (missing.length === 0) return
    const a = await getAdmin()
    const existing = new Set(await a.listTopics())
    const toCreate = missing.filter(t => !existing.has(t))
    // waitForLeaders avoids a first publish racing the leader election. Creating a topic another
    // client just created is harmless (createTopics then resolves false).
    if (toCreate.length > 0) {
      await a.createTopics({ waitForLeaders: true, topics: toCreate.map(topic => ({ topic, numPartitions: partitions, replicationFactor: 1 })) })
    }
    for (const t of missing) knownTopics.add(t)
  }

  async function getProducer (): Promise<Producer> {
    if (producer === undefined) {
      const p = kafka.producer({ allowAutoTopicCreation: false })
      await p.connect()
      producer = p
    }
    return producer
  }

  async function subscribe (opts: SubscribeOptions): Promise<Subscription> {
    const { group, topics, handler, fromBeginning = true, maxBatchSize = 500, maxAttempts = 8, onFatal } = opts
    await ensureTopics(topics)
    const consumer: Consumer = kafka.consumer({
      groupId: group,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 250,
      retry: { retries: 5 }
    })
    const abort = new AbortController()
    let state: SubscriptionState = 'running'
    await consumer.connect()
    await consumer.subscribe({ topics, fromBeginning })
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }) => {
        for (let i = 0; i < batch.messages.length; i += maxBatchSize) {
          if (!isRunning() || isStale() || abort.signal.aborted) return
          const chunk: ConsumedMessage[] = batch.messages.slice(i, i + maxBatchSize).map(m => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString('utf8') ?? '',
            value: m.value?.toString('utf8') ?? '',
            headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? ''])),
            timestamp: Number(m.timestamp)
          }))
          const outcome = await runBatchWithRetries(handler, chunk, maxAttempts, abort.signal)
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
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }])
          resolveOffset(last)
          await heartbeat()
        }
      }
    })
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
    return subscription
  }

  return {
    kind: 'kafka',
    async publish (topic, messages) {
      if (closed) throw new Error('event log is closed')
      if (messages.length === 0) return
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
    async ping () {
      const a = await withTimeout(getAdmin(), requestTimeoutMs, 'Kafka connect')
      await withTimeout(a.describeCluster(), requestTimeoutMs, 'Kafka describeCluster')
    },
    async close () {
      if (closed) return
      closed = true
      await Promise.all([...consumers].map(async s => await s.stop()))
      await producer?.disconnect()
      await admin?.disconnect()
    }
  }
}
