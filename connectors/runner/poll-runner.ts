// Runs one poll connector: on its schedule, reads every stream page by page from the saved cursor,
// validates each raw record, publishes valid ones as change events keyed by entity, sends invalid
// ones to the connector's dead-letter topic, and saves the cursor only after a page's events were
// published. A source that is down or answers garbage fails the run, keeps the cursor, and shows in
// the status; it never crashes the hub. Streams are read one after the other and fail apart: one
// stream's broken source does not hold back the others. Within a run, a step that fails with a
// retriable error (a source's 5xx, an event log or store briefly away) is tried again, bounded by
// maxAttempts; a non-retriable one (a refused write, a page it cannot read) fails the stream at once.
import cron, { type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import type { ValidateFunction } from 'ajv'
import type { EventLog, OutgoingMessage } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { describeErrors, errorsReason } from '../../schemas/validator.js'
import {
  connectorDeadLetterGroup,
  rawTopic,
  type DerivedStream,
  type PollConnector,
  type RawChange,
  type StreamCursor
} from '../contract.js'
import { deadLetterTopic } from '../../infra/event-log/dead-letters.js'
import { fetchJson, SourceError, type OutboundGuard } from './fetch-json.js'
import { retryRetriable } from '../../infra/shared/retry-retriable.js'
import { changeEventMessage, toChangeEvent } from './change-event.js'
import { rawDeadLetter } from './raw-dead-letter.js'
import { foldIntoGroups } from './derived-groups.js'
import { emptyStreamStatus, summarize, type ConnectorStatus, type RunError, type StreamStatus } from './status.js'

export type { ConnectorStatus, StreamStatus } from './status.js'

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
  /** Sent with every request (e.g. a registered connector's API key). */
  headers?: Record<string, string>
  /** Checks every outbound URL and address (registered connectors: the SSRF guard). */
  guard?: OutboundGuard
  /** Attempts per HTTP request, and per publish or store step, before the run fails (default 4). */
  maxAttempts?: number
  /** Pages read per stream in one run; the rest waits for the next run (default: no limit). */
  maxPagesPerRun?: number
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
  const { connector, baseUrl, pageSize, timeoutMs, eventLog, store, compile, maxPagesPerRun = Infinity } = options
  const { manifest } = connector
  const logger = options.logger.child({ connector: manifest.id })
  const validators = new Map(manifest.streams.map(s => [s.name, compile(s.rawSchema)]))
  const derived = connector.derivedStreams ?? []
  const derivedNames = new Set(derived.map(d => d.name))
  const streams = new Map<string, StreamStatus>(
    manifest.streams.map(s => [s.name, emptyStreamStatus(derivedNames.has(s.name))])
  )
  const status = { id: manifest.id, version: manifest.version, running: false, consecutiveFailures: 0 } as {
    id: string, version: string, running: boolean, consecutiveFailures: number, stopped?: boolean,
    lastRunAt?: string, lastSuccessAt?: string, lastError?: RunError
  }
  // Replaced on start() after a stop(), so a paused connector can be resumed.
  let abort = new AbortController()
  let task: ScheduledTask | undefined
  let inFlight: Promise<void> | undefined

  const streamStatus = (name: string): StreamStatus => streams.get(name) as StreamStatus
  /** Publishing and saving are idempotent (event ids, versioned group docs, the cursor): safe to repeat. */
  const step = async <T>(work: () => Promise<T>): Promise<T> =>
    await retryRetriable(work, { maxAttempts: options.maxAttempts ?? 4, signal: abort.signal })

  async function runStream (stream: string, validate: ValidateFunction): Promise<void> {
    const own = streamStatus(stream)
    const dependents = derived.filter(d => d.from === stream)
    const state = ((await store.getCursor(manifest.id, stream)) as StreamState | undefined) ?? { snapshotDone: false }
    own.snapshotDone = state.snapshotDone
    for (let pages = 0; pages < maxPagesPerRun; pages++) {
      if (abort.signal.aborted) return
      const body = await fetchJson(
        connector.pageUrl(baseUrl, stream, state.cursor, pageSize),
        {
          timeoutMs,
          signal: abort.signal,
          headers: options.headers,
          guard: options.guard,
          maxAttempts: options.maxAttempts
        }
      )
      const page = connector.parsePage(body)
      own.read += page.records.length
      const events: OutgoingMessage[] = []
      const rejects: OutgoingMessage[] = []
      const accepted: Array<{ record: R, change: RawChange }> = []
      const ingestTime = new Date().toISOString()
      for (const record of page.records) {
        if (!validate(record)) {
          rejects.push(deadLetter(record, stream, describeErrors(validate.errors, record), ingestTime))
          continue
        }
        const change = connector.toChange(record, stream)
        accepted.push({ record, change })
        events.push(changeEventMessage(toChangeEvent(manifest, stream, change, !state.snapshotDone, ingestTime)))
      }
      const groups = await Promise.all(
        dependents.map(async d => ({ d, folded: await foldIntoGroups(store, manifest.id, d, accepted) }))
      )
      for (const { d, folded } of groups) {
        events.push(...derivedEvents(d, folded.changes, !state.snapshotDone, ingestTime, rejects))
      }
      await step(async () => { await eventLog.publish(rawTopic(manifest.id), events) })
      const letters = deadLetterTopic(connectorDeadLetterGroup(manifest.id))
      await step(async () => { await eventLog.publish(letters, rejects) })
      for (const { folded } of groups) await step(folded.save)
      own.published += accepted.length
      own.rejected += rejects.length
      const last = page.records[page.records.length - 1]
      // A source (or a reader) whose next page starts where this one did would loop for ever.
      if (page.next !== null && state.cursor !== undefined && page.next.updatedSince === state.cursor.updatedSince &&
        page.next.afterKey === state.cursor.afterKey) {
        const why = `the source's next page of ${stream} starts where this one did; stopped to avoid a loop`
        throw new SourceError(why, 'LT_ERR_SOURCE_NO_PROGRESS', false)
      }
      if (page.next !== null) state.cursor = page.next
      else if (last !== undefined) state.cursor = connector.cursorAfter(last, stream)
      if (page.next === null) state.snapshotDone = true
      // Saved only now: a crash before this line re-reads the page, and event ids make that harmless.
      await step(async () => { await store.saveCursor(manifest.id, stream, state) })
      own.snapshotDone = state.snapshotDone
      own.position = state.cursor?.updatedSince
      own.caughtUp = page.next === null
      if (page.next === null) return
    }
  }

  function derivedEvents (
    d: DerivedStream<R>,
    changes: Awaited<ReturnType<typeof foldIntoGroups>>['changes'],
    snapshot: boolean,
    ingestTime: string,
    rejects: OutgoingMessage[]
  ): OutgoingMessage[] {
    const own = streamStatus(d.name)
    const validate = validators.get(d.name) as ValidateFunction
    const out: OutgoingMessage[] = []
    for (const { version, change } of changes) {
      own.read++
      if (change.data !== null && !validate(change.data)) {
        rejects.push(deadLetter(change.data as R, d.name, describeErrors(validate.errors, change.data), ingestTime))
        own.rejected++
        continue
      }
      const event = toChangeEvent(manifest, d.name, change, snapshot, ingestTime)
      // The group's version keeps two versions with the same source time apart, in id and order.
      const v = String(version).padStart(10, '0')
      event.id = `${event.id}:v${v}`
      event.position = `${event.position}|${v}`
      out.push(changeEventMessage(event))
      own.published++
      own.position = change.sourceTime
    }
    own.snapshotDone = !snapshot
    return out
  }

  function deadLetter (
    record: R, stream: string, errors: Array<{ path: string, message: string }>, ingestTime: string
  ): OutgoingMessage {
    const primaryKey = manifest.streams.find(s => s.name === stream)?.primaryKey ?? manifest.streams[0].primaryKey
    const sourceKey = String((record as Record<string, unknown>)[primaryKey] ?? 'unknown')
    // Paths only: the record itself, and the reason (which may quote a value), may hold personal data.
    logger.warn({ stream, paths: errors.map(e => e.path) }, 'raw record rejected')
    return rawDeadLetter({
      manifest,
      stream,
      sourceKey,
      record,
      code: 'LT_ERR_RAW_SCHEMA',
      reason: errorsReason(errors),
      ingestTime
    })
  }

  async function runOnce (): Promise<void> {
    if (inFlight !== undefined) return await inFlight
    inFlight = (async () => {
      status.running = true
      status.lastRunAt = new Date().toISOString()
      let failure: RunError | undefined
      for (const s of manifest.streams) {
        if (derivedNames.has(s.name) || abort.signal.aborted) continue
        const own = streamStatus(s.name)
        try {
          await runStream(s.name, validators.get(s.name) as ValidateFunction)
          own.lastSuccessAt = new Date().toISOString()
          own.lastError = undefined
        } catch (err) {
          const e = err as Error & { code?: string }
          own.lastError = {
            code: e.code ?? 'LT_ERR_CONNECTOR_RUN',
            message: e.message,
            at: new Date().toISOString(),
            stream: s.name
          }
          own.caughtUp = false
          failure ??= own.lastError
          logger.warn(
            { stream: s.name, err: { code: e.code, message: e.message } }, 'connector stream failed; cursor kept'
          )
        }
      }
      if (failure === undefined) {
        status.lastSuccessAt = new Date().toISOString()
        status.lastError = undefined
        status.consecutiveFailures = 0
      } else {
        status.lastError = failure
        status.consecutiveFailures++
      }
      status.running = false
      inFlight = undefined
    })()
    await inFlight
  }

  return {
    runOnce,
    start () {
      const schedule = options.schedule ?? manifest.schedule
      if (schedule === undefined || task !== undefined) return
      if (abort.signal.aborted) abort = new AbortController()
      status.stopped = false
      task = cron.schedule(schedule, runOnce, {
        name: `connector:${manifest.id}`,
        noOverlap: true,
        // A run longer than the schedule's period skips ticks by design: say so at debug, not on stderr.
        logger: {
          info: message => logger.debug({ cron: message }),
          warn: message => logger.debug({ cron: message }),
          error: (message, err) => logger.warn({ cron: String(message), err: err?.message }),
          debug: message => logger.trace({ cron: String(message) })
        }
      })
      void runOnce()
    },
    async stop () {
      abort.abort()
      status.stopped = true
      await task?.destroy()
      task = undefined
      await inFlight
    },
    status: () => summarize(status, streams, Date.now())
  }
}
