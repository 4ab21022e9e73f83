// Imports a source's export file through a connector: each record is validated against the
// stream's raw schema, turned into a change event exactly as a poll would (same ids, so a record
// both imported and polled is one event downstream), and published in batches; invalid rows go
// to the connector's dead letters with their line number. Derived streams (households from
// residents) are built as in a poll. Imports are snapshots: op r, tombstones op d; `incremental`
// keeps the op each record implies (c, u, d) instead.
import { basename } from 'node:path'
import type { ValidateFunction } from 'ajv'
import type { EventLog, OutgoingMessage } from '../../infra/ports/event-log.js'
import { deadLetterTopic } from '../../infra/event-log/dead-letters.js'
import type { Store } from '../../infra/ports/store.js'
import { describeErrors, errorsReason } from '../../schemas/validator.js'
import { connectorDeadLetterGroup, rawTopic, type PollConnector, type RawChange } from '../contract.js'
import { changeEventMessage, toChangeEvent } from './change-event.js'
import { rawDeadLetter } from './raw-dead-letter.js'
import { foldIntoGroups } from './derived-groups.js'
import { readFileRecords, type FileFormat } from './file-records.js'

export interface FileImportOptions<R> {
  connector: PollConnector<R>
  stream: string
  file: string
  format: FileFormat
  eventLog: EventLog
  /** Holds derived streams' group state; needed only when the stream has derived streams. */
  store?: Store
  compile: (schema: Record<string, unknown>) => ValidateFunction
  batchSize?: number
  incremental?: boolean
  onProgress?: (p: ImportProgress) => void
}

export interface ImportProgress { rows: number, published: number, rejected: number, bytes: number }
export interface ImportSummary extends ImportProgress { derived: number, deadLetterTopic: string, topic: string }

export async function importFile<R> (options: FileImportOptions<R>): Promise<ImportSummary> {
  const {
    connector,
    stream,
    file,
    format,
    eventLog,
    store,
    compile,
    batchSize = 500,
    incremental = false,
    onProgress
  } = options
  const { manifest } = connector
  const spec = manifest.streams.find(s => s.name === stream)
  if (spec === undefined) throw new Error(`connector ${manifest.id} has no stream '${stream}'`)
  const dependents = (connector.derivedStreams ?? []).filter(d => d.from === stream)
  if ((connector.derivedStreams ?? []).some(d => d.name === stream)) {
    throw new Error(`stream '${stream}' is built from another stream; import that one`)
  }
  if (dependents.length > 0 && store === undefined) {
    throw new Error(`stream '${stream}' feeds derived streams, which need the store`)
  }
  const validate = compile(spec.rawSchema)
  const derivedValidators = new Map(dependents.map(d => [d.name, compile(d.rawSchema)]))
  const topic = rawTopic(manifest.id)
  const dlq = deadLetterTopic(connectorDeadLetterGroup(manifest.id))
  const name = basename(file)
  const progress: ImportProgress = { rows: 0, published: 0, rejected: 0, bytes: 0 }
  let derivedCount = 0
  let events: OutgoingMessage[] = []
  let rejects: OutgoingMessage[] = []
  let accepted: Array<{ record: R, change: RawChange }> = []

  const letter = (sourceKey: string, record: unknown, line: number, code: string, reason: string): OutgoingMessage =>
    rawDeadLetter({
      manifest,
      stream,
      sourceKey,
      record,
      code,
      reason,
      ingestTime: new Date().toISOString(),
      file: { name, line }
    })

  async function flush (): Promise<void> {
    const ingestTime = new Date().toISOString()
    for (const d of dependents) {
      const folded = await foldIntoGroups(store as Store, manifest.id, d, accepted)
      const check = derivedValidators.get(d.name) as ValidateFunction
      for (const { version, change } of folded.changes) {
        if (change.data !== null && !check(change.data)) continue
        const event = toChangeEvent(manifest, d.name, change, !incremental, ingestTime)
        const v = String(version).padStart(10, '0')
        event.id = `${event.id}:v${v}`
        event.position = `${event.position}|${v}`
        events.push(changeEventMessage(event))
        derivedCount++
      }
      await eventLog.publish(topic, events)
      events = []
      await folded.save()
    }
    await eventLog.publish(topic, events)
    await eventLog.publish(dlq, rejects)
    progress.published += accepted.length
    progress.rejected += rejects.length
    events = []
    rejects = []
    accepted = []
    onProgress?.({ ...progress })
  }

  for await (const item of readFileRecords(file, format, spec.rawSchema, bytes => { progress.bytes = bytes })) {
    progress.rows++
    if ('error' in item) {
      rejects.push(letter(`line:${item.line}`, null, item.line, 'LT_ERR_FILE_PARSE', item.error))
    } else if (!validate(item.record)) {
      const reason = errorsReason(describeErrors(validate.errors, item.record))
      rejects.push(
        letter(
          String(item.record[spec.primaryKey] ?? `line:${item.line}`),
          item.record,
          item.line,
          'LT_ERR_RAW_SCHEMA',
          reason
        )
      )
    } else {
      const record = item.record as R
      const change = connector.toChange(record, stream)
      accepted.push({ record, change })
      const event = toChangeEvent(manifest, stream, change, !incremental, new Date().toISOString())
      events.push(changeEventMessage(event))
    }
    if (accepted.length + rejects.length >= batchSize) await flush()
  }
  await flush()
  return { ...progress, derived: derivedCount, topic, deadLetterTopic: dlq }
}
