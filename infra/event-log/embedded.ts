// Embedded event log on SQLite (better-sqlite3): one ordered table of messages and one row of
// committed position per group and topic. It keeps the port's guarantees inside one process:
// per-key order (a topic is a single ordered partition), commit after success, redelivery after a
// failure or a crash, durability across restarts (WAL). Scaling out is Kafka's job, not this one's:
// two processes must not consume the same group from one file.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { EventEmitter } from 'node:events'
import type {
  ConsumedMessage,
  EventLog,
  OutgoingMessage,
  PartitionEnd,
  SubscribeOptions,
  Subscription,
  SubscriptionState
} from '../ports/event-log.js'
import { runBatchWithRetries } from './batch-runner.js'
import { sleep } from '../shared/retry.js'
import { nameFile, namingFileInErrors, openSqliteFile } from '../shared/sqlite-file-errors.js'
import { yieldToEventLoop } from '../shared/event-loop.js'
import { startWalCheckpointer } from '../shared/wal-checkpointer.js'

const IDLE_POLL_MS = 250

interface Row { seq: number, topic: string, key: string, value: string, headers: string, ts: number }

/** `setting` is what chose the file, named in its errors (LT_DATA_DIR unless a command chose it). */
export function openEmbeddedEventLog ({ file, setting = 'LT_DATA_DIR' }: { file: string, setting?: string }): EventLog {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = openSqliteFile(file, setting, db => {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    db.exec(`
    CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, key TEXT NOT NULL,
      value TEXT NOT NULL, headers TEXT NOT NULL, ts INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS messages_topic_seq ON messages (topic, seq);
    CREATE TABLE IF NOT EXISTS group_offsets (
      grp TEXT NOT NULL, topic TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (grp, topic));
  `)
  })
  // In-memory databases have no WAL (journal_mode stays 'memory').
  const wal = db.pragma('journal_mode', { simple: true }) === 'wal'
  // Checkpoints off the event loop, as for the store: a publish or a commit never stalls on one.
  const checkpointer = wal ? startWalCheckpointer(db, file) : undefined
  const insert = db.prepare('INSERT INTO messages (topic, key, value, headers, ts) VALUES (?, ?, ?, ?, ?)')
  const readOffset = db.prepare('SELECT seq FROM group_offsets WHERE grp = ? AND topic = ?').pluck()
  const latestSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM messages WHERE topic = ?').pluck()
  const countAfter = db.prepare('SELECT COUNT(*) FROM messages WHERE topic = ? AND seq > ?').pluck()
  const fetch = db.prepare(
    'SELECT seq, topic, key, value, headers, ts FROM messages WHERE topic = ? AND seq > ? ORDER BY seq LIMIT ?'
  )
  const commit = db.prepare(`INSERT INTO group_offsets (grp, topic, seq) VALUES (?, ?, ?)
    ON CONFLICT (grp, topic) DO UPDATE SET seq = excluded.seq`)
  const publishMany = db.transaction((topic: string, messages: OutgoingMessage[]) => {
    const now = Date.now()
    for (const m of messages) insert.run(topic, m.key, m.value, JSON.stringify(m.headers ?? {}), now)
  })
  const commitMany = db.transaction((group: string, positions: Map<string, number>) => {
    for (const [topic, seq] of positions) commit.run(group, topic, seq)
  })
  // Wakes idle consumers in this process as soon as something is published.
  const published = new EventEmitter()
  published.setMaxListeners(0)
  const subscriptions = new Set<Subscription>()
  let closed = false

  function position (group: string, topic: string, fromBeginning: boolean): number {
    const seq = readOffset.get(group, topic) as number | undefined
    if (seq !== undefined) return seq
    const start = fromBeginning ? 0 : latestSeq.get(topic) as number
    commit.run(group, topic, start)
    return start
  }

  function nextBatch (topics: string[], positions: Map<string, number>, max: number): ConsumedMessage[] {
    // Topics are drained in turn; within a topic rows come in publish order.
    for (const topic of topics) {
      const rows = fetch.all(topic, positions.get(topic), max) as Row[]
      if (rows.length > 0) {
        return rows.map(r => ({
          topic: r.topic, partition: 0, offset: String(r.seq), key: r.key, value: r.value,
          headers: JSON.parse(r.headers) as Record<string, string>, timestamp: r.ts
        }))
      }
    }
    return []
  }

  async function subscribe (options: SubscribeOptions): Promise<Subscription> {
    const { group, topics, handler, fromBeginning = true, maxBatchSize = 500, maxAttempts = 8, onFatal } = options
    const positions = new Map(topics.map(t => [t, position(group, t, fromBeginning)]))
    const abort = new AbortController()
    let state: SubscriptionState = 'running'

    async function loop (): Promise<void> {
      while (!abort.signal.aborted) {
        const batch = nextBatch(topics, positions, maxBatchSize)
        if (batch.length === 0) {
          await waitForPublish(abort.signal)
          continue
        }
        const outcome = await runBatchWithRetries(handler, batch, maxAttempts, abort.signal)
        if (!outcome.ok) {
          if (abort.signal.aborted) return
          state = 'failed'
          onFatal?.(outcome.error ?? new Error('handler failed'))
          return
        }
        const moved = new Map<string, number>()
        for (const m of batch) moved.set(m.topic, Number(m.offset))
        commitMany(group, moved)
        checkpointer?.wrote(moved.size)
        for (const [t, seq] of moved) positions.set(t, seq)
        // SQLite answers synchronously, so a backlog would otherwise be drained in one unbroken run
        // of microtasks: no timer, socket or signal handler (SIGTERM, /health/live) gets a turn.
        await yieldToEventLoop()
      }
    }
    // The log's own reads and commits can fail too (SQLITE_FULL on a full disk, an I/O error).
    // That ends the subscription like a batch that kept failing: reported, so a supervisor restarts
    // it and the uncommitted batch comes again. Unreported, the loop's promise rejected with nobody
    // listening, which killed the whole process, and stop() rejected with it.
    const running = loop().catch((err: unknown) => {
      if (abort.signal.aborted) return
      state = 'failed'
      const named = nameFile(err, file, setting)
      onFatal?.(named instanceof Error ? named : new Error(String(named)))
    }).finally(() => { if (state === 'running') state = 'stopped' })
    const subscription: Subscription = {
      stop: async () => { abort.abort(); await running; subscriptions.delete(subscription) },
      state: () => state
    }
    subscriptions.add(subscription)
    return subscription
  }

  async function waitForPublish (signal: AbortSignal): Promise<void> {
    const wake = new AbortController()
    const onPublish = (): void => wake.abort()
    const onStop = (): void => wake.abort()
    published.once('message', onPublish)
    signal.addEventListener('abort', onStop, { once: true })
    // The timeout also picks up messages another process appended to the same file.
    await sleep(IDLE_POLL_MS, wake.signal)
    published.off('message', onPublish)
    signal.removeEventListener('abort', onStop)
  }

  return namingFileInErrors<EventLog>({
    kind: 'embedded',
    async publish (topic, messages) {
      if (closed) throw new Error('event log is closed')
      if (messages.length === 0) return
      publishMany(topic, messages)
      checkpointer?.wrote(messages.length)
      published.emit('message')
    },
    subscribe,
    async lastOffsets (topics): Promise<PartitionEnd[]> {
      if (closed) throw new Error('event log is closed')
      return topics.map(topic => {
        const seq = latestSeq.get(topic) as number
        return { topic, partition: 0, lastOffset: seq === 0 ? null : String(seq) }
      })
    },
    async groupLag (group, topics) {
      if (closed) throw new Error('event log is closed')
      return topics.reduce(
        (n, t) => n + (countAfter.get(t, (readOffset.get(group, t) as number | undefined) ?? 0) as number), 0
      )
    },
    async groupPositions (group, topics) {
      if (closed) throw new Error('event log is closed')
      return topics.map(topic => {
        const seq = readOffset.get(group, topic) as number | undefined
        return {
          topic,
          partition: 0,
          committed: seq === undefined ? null : String(seq),
          lag: countAfter.get(topic, seq ?? 0) as number
        }
      })
    },
    async ping () {
      if (closed) throw new Error('event log is closed')
      db.prepare('SELECT 1').get()
    },
    async close () {
      if (closed) return
      closed = true
      await Promise.all([...subscriptions].map(async s => await s.stop()))
      await checkpointer?.stop()
      db.close()
    }
  }, file, setting)
}
