// Export files for file-import connectors: every stream as NDJSON or CSV. CSV flattens nested
// objects into dotted column names (ChuSuDung and other lists become JSON text in one column).
import { createReadStream, mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ALL_STREAMS } from '../city/departments.js'
import type { StreamTable, SourceRecord } from './record-table.js'

export type ExportFormat = 'csv' | 'ndjson'

export function flatten (record: SourceRecord, prefix = '',
  into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(record)) {
    const name = prefix === '' ? k : `${prefix}.${k}`
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as SourceRecord, name, into)
    else into[name] = v
  }
  return into
}

export function csvCell (v: unknown): string {
  if (v === undefined || v === null) return ''
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

async function * readLines (path: string): AsyncGenerator<SourceRecord> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  for await (const line of rl) if (line.trim() !== '') yield JSON.parse(line) as SourceRecord
}

// Two passes over records: the first finds the columns, the second writes the rows.
async function writeCsv (path: string,
  pass: () => AsyncIterable<SourceRecord> | Iterable<SourceRecord>): Promise<void> {
  const columns = new Map<string, true>()
  for await (const r of pass()) for (const k of Object.keys(flatten(r))) columns.set(k, true)
  const names = [...columns.keys()]
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, names.map(csvCell).join(',') + '\r\n')
    let chunk: string[] = []
    for await (const r of pass()) {
      const flat = flatten(r)
      chunk.push(names.map(n => csvCell(flat[n])).join(',') + '\r\n')
      if (chunk.length >= 5000) { writeSync(fd, chunk.join('')); chunk = [] }
    }
    writeSync(fd, chunk.join(''))
  } finally {
    closeSync(fd)
  }
}

// From a generated directory, streaming, so it works for any size.
export async function exportDirectory (dir: string, format: ExportFormat, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true })
  const written: string[] = []
  for (const s of ALL_STREAMS) {
    const source = join(dir, s.file)
    const target = join(outDir, `${s.department}.${s.name}.${format}`)
    if (format === 'csv') await writeCsv(target, () => readLines(source))
    else {
      const fd = openSync(target, 'w')
      try { for await (const r of readLines(source)) writeSync(fd, JSON.stringify(r) + '\n') } finally { closeSync(fd) }
    }
    written.push(target)
  }
  return written
}

// The current state of running tables (after any simulated changes), in key order.
export async function exportTables (tables: readonly StreamTable[], format: ExportFormat,
  outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true })
  const written: string[] = []
  for (const t of tables) {
    const records = t.records().sort((a, b) =>
      String(a[t.spec.updatedField]).localeCompare(String(b[t.spec.updatedField]))
      || String(a[t.spec.keyField]).localeCompare(String(b[t.spec.keyField])))
    const target = join(outDir, `${t.spec.department}.${t.spec.name}.${format}`)
    if (format === 'csv') await writeCsv(target, () => records)
    else writeFileSync(target, records.map(r => JSON.stringify(r) + '\n').join(''))
    written.push(target)
  }
  return written
}
