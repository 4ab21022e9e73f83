// A generic HTTP poll connector built from a registration: the paging style, the field names and
// the stream paths are data, so an integrator adds a source without writing code. The runner owns
// the rest, exactly as for the built-in connectors.
import type { PollConnector, RawChange, StreamCursor } from '../contract.js'
import { readPath } from '../mapping/read-path.js'
import type { Registration, StreamSpec } from '../registry/registration.js'
import { pageParams, readPage, type PageRequest } from './paging.js'

export type RawRecord = Record<string, unknown>

/** Raw record to change: shared by the poll connector and the push endpoint. */
export function recordToChange (
  registration: Registration, stream: StreamSpec, record: RawRecord, opHint?: 'c' | 'u' | 'd'
): RawChange {
  const key = String(record[stream.primaryKey])
  const rule = registration.mapping.streams.find(s => s.stream === stream.name)?.deleteWhen
  const deleted = opHint === 'd' || (rule !== undefined && readPath(record, rule.from) === rule.equals)
  return {
    entityKey: key,
    sourceKey: key,
    op: deleted ? 'd' : opHint ?? 'u',
    // The registration requires the cursor field to be a date-time, so this parses.
    sourceTime: new Date(String(record[stream.cursorField])).toISOString(),
    data: record
  }
}

export function buildDeclarativeConnector (registration: Registration): PollConnector<RawRecord> {
  const { source } = registration
  if (registration.mode !== 'poll' || source === undefined) {
    throw new Error(`connector ${registration.id} is not a poll connector`)
  }
  const streams = new Map(registration.streams.map(s => [s.name, s]))
  // The contract's parsePage sees only the body; the runner reads one page of one stream at a time,
  // so the page last asked for says which stream and position it belongs to.
  let asked: PageRequest & { stream: StreamSpec } = {
    stream: registration.streams[0],
    cursor: undefined,
    limit: source.pageSize
  }

  const streamOf = (name?: string): StreamSpec => (name !== undefined ? streams.get(name) : undefined) ?? asked.stream
  const cursorAfter = (record: RawRecord, stream?: string): StreamCursor => ({
    updatedSince: String(record[streamOf(stream).cursorField]),
    afterKey: String(record[streamOf(stream).primaryKey])
  })

  return {
    manifest: {
      id: registration.id,
      version: registration.version,
      sourceSystem: registration.sourceSystem,
      mode: 'poll',
      schedule: source.schedule,
      streams: registration.streams.map(
        s => ({ name: s.name, primaryKey: s.primaryKey, cursorField: s.cursorField, rawSchema: s.rawSchema })
      )
    },
    mapping: registration.mapping,
    pageUrl (baseUrl, stream, cursor, limit) {
      const spec = streams.get(stream) as StreamSpec
      asked = { stream: spec, cursor, limit }
      const url = new URL(joinPath(baseUrl, spec.path ?? ''))
      for (const [name, value] of Object.entries(pageParams(source.paging, asked))) url.searchParams.set(name, value)
      return url.toString()
    },
    parsePage: body => readPage(source.paging, body, asked, record => cursorAfter(record)),
    cursorAfter,
    toChange: (record: RawRecord, stream?: string) => recordToChange(registration, streamOf(stream), record)
  }
}

/** Appends a stream path to the base URL without losing the base's own path. */
function joinPath (base: string, path: string): string {
  if (path === '') return base
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '')
}
