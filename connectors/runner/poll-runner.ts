// Runs one poll connector: on its schedule, reads every stream page by page from the saved cursor,
// validates each raw record, publishes valid ones as change events keyed by entity, sends invalid
// ones to the connector's dead-letter topic, and saves the cursor only after a page's events were
// published. A source that is down or answers garbage fails the run, keeps the cursor, and shows in
// the status; it never crashes the hub.
import cron, { type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import type { ValidateFunction } from 'ajv'
import type { EventLog, OutgoingMessage } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { describeErrors } from '../../schemas/validator.js'
import { connectorDeadLetterGroup, rawTopic, type PollConnector, type StreamCursor } from '../contract.js'
import { deadLetterTopic } from '../../infra/ports/event-log.js'
import { fetchJson } from './fetch-json.js'
import { toChangeEvent } from './change-event.js'

export interface PollRunnerOptions<R> {
  connector: PollConnector<R>
  baseUrl: string
  schedule?: string
  pageSize: number
  timeoutMs: number
  eventLog: EventLog
  store: Store
  logger: Logger
  /** Compiles a stream's raw schema; the caller owns the ajv instance. */
  compile: (schema: Record<string, unknown>) => ValidateFunction
}

export interface ConnectorStatus {
  id: string
  version: string
  running: boolean
  read: number
  published: number
  rejected: number
  lastRunAt?: string
  lastSuccessAt?: string
  lastError?: { code: string, message: string, at: string }
  /** Age of the newest source change we have published, in ms, at the time of the last run. */
  lagMs?: number
}

/** Saved per stream: the position plus whether the initial snapshot is finished. */
interface StreamState { cursor?: StreamCursor, snapshotDone: boolean }

export interface PollRunner {
  runOnce: () => Promise<void>
  start: () => void
  stop: () => Promise<void>
  status: () => ConnectorStatus
}

export function createPollRunner<R> (options: PollRunnerOptions<R>): PollRunner {
  const { connector, baseUrl, pageSize, timeoutMs, eventLog, store, compile } = options
  const { manifest } = connector
  const logger = options.logger.child({ connector: manifest.id })
  const validators = new Map(manifest.streams.map(s => [s.name, compile(s.rawSchema)]))
  const status: ConnectorStatus = { id: manifest.id, version: manifest.version, running: false, read: 0, published: 0, rejected: 0 }
  const abort = new AbortController()
  let task: ScheduledTask | undefined
  let inFlight: Promise<void> | undefined

  async function runStream (stream: string, validate: ValidateFunction): Promise<void> {
    const state = ((await store.getCursor(manifest.id, stream)) as StreamState | undefined) ?? { snapshotDone: false }
    for (;;) {
      if (abort.signal.aborted) return
      const body = await fetchJson(connector.pageUrl(baseUrl, stream, state.cursor, pageSize), { timeoutMs, signal: abort.signal })
      const page = connector.parsePage(body)
      status.read += page.records.length
      const events: OutgoingMessage[] = []
      const rejects: OutgoingMessage[] = []
      const ingestTime = new Date().toISOString()
      for (const record of page.records) {
        if (!validate(record)) {
          rejects.push(deadLetter(record, describeErrors(validate.errors)))
          continue
        }
        const event = toChangeEvent(manifest, stream, connector.toChange(record), !state.snapshotDone, ingestTime)
        events.push({ key: event.subject, value: JSON.stringify(event), headers: { 'ce-id': event.id, 'ce-type': event.type } })
        status.lagMs = Date.now() - Date.parse(event.time)
      }
      await eventLog.publish(rawTopic(manifest.id), events)
      await eventLog.publish(deadLetterTopic(connectorDeadLetterGroup(manifest.id)), rejects)
      status.published += events.length
      status.rejected += rejects.length
      const last = page.records[page.records.length - 1]
      if (page.next !== null) state.cursor = page.next
      else if (last !== undefined) state.cursor = connector.cursorAfter(last)
      if (page.next === null) state.snapshotDone = true
      // Saved only now: a crash before this line re-reads the page, and event ids make that harmless.
      await store.saveCursor(manifest.id, stream, state)
      if (page.next === null) return
    }
  }

  function deadLetter (record: R, errors: Array<{ path: string, message: string }>): OutgoingMessage {
    const key = String((record as Record<string, unknown>)[manifest.streams[0].primaryKey] ?? 'unknown')
    const reason = errors.map(e => `${e.path} ${e.message}`).join('; ')
    logger.warn({ errors }, 'raw record rejected')
    return { key, value: JSON.stringify(record), headers: { 'lt-dlq-reason': reason, 'lt-dlq-code': 'LT_ERR_RAW_SCHEMA', 'lt-dlq-origin-topic': `${manifest.id}:source` } }
  }

  async function runOnce (): Promise<void> {
    if (inFlight !== undefined) return await inFlight
    inFlight = (async () => {
      status.running = true
      status.lastRunAt = new Date().toISOString()
      try {
        for (const s of manifest.streams) await runStream(s.name, validators.get(s.name) as ValidateFunction)
        status.lastSuccessAt = new Date().toISOString()
        status.lastError = undefined
      } catch (err) {
        const e = err as Error & { code?: string }
        status.lastError = { code: e.code ?? 'LT_ERR_CONNECTOR_RUN', message: e.message, at: new Date().toISOString() }
        logger.warn({ err: { code: e.code, message: e.message } }, 'connector run failed; cursor kept')
      } finally {
        status.running = false
        inFlight = undefined
      }
    })()
    await inFlight
  }

  return {
    runOnce,
    start () {
      const schedule = options.schedule ?? manifest.schedule
      if (schedule === undefined || task !== undefined) return
      task = cron.schedule(schedule, runOnce, { name: `connector:${manifest.id}`, noOverlap: true })
      void runOnce()
    },
    async stop () {
      abort.abort()
      await task?.destroy()
      task = undefined
      await inFlight
    },
    status: () => ({ ...status })
  }
}
