// `lienthong import --connector ID [--stream NAME] [--format csv|ndjson] [--batch-size N]
// [--incremental] FILE`: loads a source's CSV or NDJSON export through a built-in connector into
// the event log (connectors/runner/file-import.ts). Progress goes to stderr: a bar with %, rows/s and
// ETA when stderr is a terminal, otherwise at most a plain line every 10 s (nothing for a short run). The summary goes
// to
// stdout. Exit code 0 when the file was read (rejected rows are in the dead letters), 1 when the
// import failed, 2 on bad usage.
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { openEventLog, openStore } from '../../infra/open-adapters.js'
import { builtInConnector, builtInConnectors } from '../../connectors/built-in.js'
import type { PollConnector } from '../../connectors/contract.js'
import { importFile, type ImportProgress } from '../../connectors/runner/file-import.js'
import { formatOf, type FileFormat } from '../../connectors/runner/file-records.js'
import { createRawSchemaCompiler } from '../../connectors/runner/raw-schema-compiler.js'
import { createProgressReport } from '../../infra/shared/cli-progress-report.js'
import type { Command } from './command.js'

const usage = 'usage: lienthong import --connector ID [--stream NAME] [--format csv|ndjson] [--batch-size N] ' +
  '[--incremental] FILE\n' +
  `  connectors: ${builtInConnectors.map(c => c.manifest.id).join(', ')}\n`

interface Args {
  connector?: string,
  stream?: string,
  format?: string,
  batchSize?: number,
  incremental: boolean,
  file?: string
}

function parseArgs (args: string[]): Args | undefined {
  const out: Args = { incremental: false }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const value = (): string | undefined => args[++i]
    if (a === '--connector') out.connector = value()
    else if (a === '--stream') out.stream = value()
    else if (a === '--format') out.format = value()
    else if (a === '--batch-size') {
      const n = Number(value())
      if (!Number.isInteger(n) || n < 1 || n > 10000) return undefined
      out.batchSize = n
    } else if (a === '--incremental') out.incremental = true
    else if (a.startsWith('--')) return undefined
    else if (out.file === undefined) out.file = a
    else return undefined
  }
  return out
}

/** The stream a file holds: named, the only one, or the one whose name or source path the file name carries. */
export function streamFor<R> (connector: PollConnector<R>, file: string, named?: string): string | undefined {
  const derived = new Set((connector.derivedStreams ?? []).map(d => d.name))
  const streams = connector.manifest.streams.filter(s => !derived.has(s.name)).map(s => s.name)
  if (named !== undefined) return streams.includes(named) ? named : undefined
  if (streams.length === 1) return streams[0]
  const name = basename(file).toLowerCase()
  return streams.find(s => name.includes(s) ||
    name.includes(connector.pageUrl('http://x', s, undefined, 1).split('?')[0].split('/').pop() ?? '\0'))
}

export const importCommand: Command = {
  usage,
  summary: 'import --connector ID FILE: load a CSV or NDJSON export of a source into the event log',
  async run ({ config, logger, args, stdout, stderr }) {
    const parsed = parseArgs(args)
    if (parsed?.connector === undefined || parsed.file === undefined) { stderr.write(usage); return 2 }
    const connector = builtInConnector(parsed.connector)
    if (connector === undefined) { stderr.write(`Unknown connector '${parsed.connector}'.\n${usage}`); return 2 }
    const stream = streamFor(connector, parsed.file, parsed.stream)
    if (stream === undefined) {
      stderr.write(`Cannot tell which stream ${basename(parsed.file)} holds; ` +
        `pass --stream (${connector.manifest.streams.map(s => s.name).join(', ')}).\n`)
      return 2
    }
    const format = (parsed.format ?? formatOf(parsed.file)) as FileFormat | undefined
    if (format !== 'csv' && format !== 'ndjson') {
      stderr.write(`Cannot tell the format of ${basename(parsed.file)}; pass --format csv|ndjson.\n`)
      return 2
    }
    let size: number
    try { size = statSync(parsed.file).size } catch (err) {
      stderr.write(`Cannot read ${parsed.file}: ${(err as Error).message}\n`)
      return 2
    }

    const eventLog = openEventLog(config, logger)
    const store = await openStore(config)
    const progress = progressReporter(stderr, size)
    const started = Date.now()
    try {
      const summary = await importFile({
        connector, stream, file: parsed.file, format, eventLog, store,
        compile: createRawSchemaCompiler(),
        batchSize: parsed.batchSize,
        incremental: parsed.incremental,
        onProgress: progress.update
      })
      progress.update({ ...summary, bytes: size })
      progress.done()
      const seconds = (Date.now() - started) / 1000
      stdout.write(`Imported ${basename(parsed.file)} (${format}) through ${connector.manifest.id} ` +
        `${connector.manifest.version}, stream ${stream}:\n` +
        `  rows read:     ${summary.rows}\n` +
        `  published:     ${summary.published} to ${summary.topic}` +
        `${summary.derived > 0 ? ` (and ${summary.derived} derived records)` : ''}\n` +
        `  rejected:      ${summary.rejected} to ${summary.deadLetterTopic} (reason and line number on each)\n` +
        `  time:          ${seconds.toFixed(1)} s, ${Math.round(summary.rows / Math.max(seconds, 0.001))} rows/s\n`)
      return 0
    } catch (err) {
      progress.done()
      stderr.write(`Import failed: ${(err as Error).message}\n`)
      return 1
    } finally {
      await eventLog.close()
      await store.close()
    }
  }
}

/** Progress by bytes read (the only end known in advance), rate in rows; see infra/shared/cli-progress-report.ts. */
function progressReporter (stderr: NodeJS.WritableStream, totalBytes: number): {
  update: (p: ImportProgress) => void,
  done: () => void
} {
  const report = createProgressReport({ stream: stderr, label: 'import', unit: 'rows', total: totalBytes })
  return {
    update: p => report.update(p.bytes, p.rows, `${p.rows} rows, ${p.rejected} rejected`),
    done: () => report.stop()
  }
}
