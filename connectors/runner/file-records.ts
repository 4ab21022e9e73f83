// Reads a source's export file one record at a time, streaming (memory stays flat however big the
// file): NDJSON one JSON object a line, or CSV with a header row, quoted cells (which may hold
// commas, quotes and line breaks) and dotted column names for nested fields, as exports flatten
// them. CSV cells are typed by the stream's raw schema (numbers, booleans, JSON lists), since a
// CSV cell is always text. Each record comes with the line it starts on, for dead letters.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

export type FileFormat = 'csv' | 'ndjson'

export type FileRecord =
  | { line: number, record: Record<string, unknown> }
  | { line: number, error: string }

export function formatOf (file: string): FileFormat | undefined {
  if (/\.(nd)?jsonl?$/i.test(file) || /\.ndjson$/i.test(file)) return 'ndjson'
  if (/\.csv$/i.test(file)) return 'csv'
  return undefined
}

/** Streams records; `onBytes` reports bytes read so far (for progress). */
export async function * readFileRecords (
  file: string, format: FileFormat, rawSchema: Record<string, unknown>, onBytes?: (bytes: number) => void
): AsyncGenerator<FileRecord> {
  const input = createReadStream(file)
  let bytes = 0
  input.on('data', chunk => { bytes += chunk.length; onBytes?.(bytes) })
  const lines = createInterface({ input, crlfDelay: Infinity })
  if (format === 'ndjson') {
    let n = 0
    for await (const line of lines) {
      n++
      if (line.trim() === '') continue
      try {
        const value: unknown = JSON.parse(line)
        if (value === null || typeof value !== 'object' || Array.isArray(value)) yield {
          line: n,
          error: 'the line is not a JSON object'
        }
        else yield { line: n, record: value as Record<string, unknown> }
      } catch (err) {
        yield { line: n, error: `the line is not JSON: ${(err as Error).message}` }
      }
    }
    return
  }
  let header: string[] | undefined
  for await (const row of csvRows(lines)) {
    if (header === undefined) { header = row.cells; continue }
    if (row.cells.length === 1 && row.cells[0] === '') continue
    if (row.cells.length !== header.length) {
      yield { line: row.line, error: `the row has ${row.cells.length} cells, the header ${header.length}` }
      continue
    }
    try {
      yield { line: row.line, record: unflatten(header, row.cells, rawSchema) }
    } catch (err) {
      yield { line: row.line, error: (err as Error).message }
    }
  }
}

/** CSV rows from lines; a quoted cell may run over several lines. */
async function * csvRows (lines: AsyncIterable<string>): AsyncGenerator<{ line: number, cells: string[] }> {
  let n = 0
  let start = 0
  let cells: string[] = []
  let cell = ''
  let quoted = false
  for await (const text of lines) {
    n++
    if (!quoted) { start = n; cells = []; cell = '' } else cell += '\n'
    for (let i = 0; i < text.length; i++) {
      const c = text[i]
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (c === '"') quoted = false
        else cell += c
      } else if (c === '"' && cell === '') quoted = true
      else if (c === ',') { cells.push(cell); cell = '' } else cell += c
    }
    if (quoted) continue
    cells.push(cell)
    yield { line: start, cells }
  }
  if (quoted) throw new Error(`a quoted cell opened on line ${start} never closes`)
}

interface SchemaNode { type?: unknown, enum?: unknown[], const?: unknown, properties?: Record<string, SchemaNode> }

function unflatten (header: string[], cells: string[], schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  header.forEach((column, i) => {
    const text = cells[i]
    // An empty cell is a field the record does not have.
    if (text === '') return
    const path = column.split('.')
    const node = path.reduce<SchemaNode | undefined>((n, p) => n?.properties?.[p], schema as SchemaNode)
    let target = out
    for (const p of path.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>
    target[path[path.length - 1]] = typed(text, node, column)
  })
  return out
}

function typed (text: string, node: SchemaNode | undefined, column: string): unknown {
  const types = node === undefined
    ? []
    : Array.isArray(node.type) ? node.type : node.type !== undefined ? [node.type] : []
  const literals = [...(node?.enum ?? []), ...(node?.const !== undefined ? [node.const] : [])]
  if (types.includes('array') || types.includes('object')) {
    try { return JSON.parse(text) } catch { throw new Error(`column ${column} should hold JSON, got text`) }
  }
  if (types.includes('integer') || types.includes('number') || literals.some(v => typeof v === 'number')) {
    const n = Number(text)
    return Number.isFinite(n) ? n : text
  }
  if (types.includes('boolean') || literals.some(v => typeof v === 'boolean')) {
    return text === 'true' ? true : text === 'false' ? false : text
  }
  return text
}
