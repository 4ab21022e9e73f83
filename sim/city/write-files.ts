// Writes a generated city to a directory: one NDJSON file per department stream, truth.ndjson,
// and manifest.json. Lines are buffered and written synchronously in large chunks, so memory
// stays flat and the output is byte-identical for the same options.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { ALL_STREAMS, DEPARTMENTS } from './departments.js'
import { renderServedSourceDepartments } from '../sources/served.js'
import { generateCity, type GenerationSummary } from './generate.js'
import type { CityOptions } from './options.js'

const FLUSH_BYTES = 1 << 20

class LineFile {
  private readonly fd: number
  private chunks: string[] = []
  private size = 0
  constructor (path: string) { this.fd = openSync(path, 'w') }
  line (value: unknown): void {
    const s = JSON.stringify(value) + '\n'
    this.chunks.push(s)
    this.size += s.length
    if (this.size >= FLUSH_BYTES) this.flush()
  }

  flush (): void {
    if (this.chunks.length === 0) return
    writeSync(this.fd, this.chunks.join(''))
    this.chunks = []
    this.size = 0
  }

  close (): void { this.flush(); closeSync(this.fd) }
}

export const TRUTH_FILE = 'truth.ndjson'
export const MANIFEST_FILE = 'manifest.json'

export function defaultCityDir (seed: number, citizens: number): string {
  return join('.data', 'sim', `${seed}-${citizens}`)
}

export interface CityManifest extends GenerationSummary {
  generator: string
  files: Record<string, string>
}

/** `onCitizen` hears the running count of citizens written (sim:generate's progress bar). */
export function writeCityFiles (options: CityOptions, dir: string,
  onCitizen?: (citizens: number) => void): CityManifest {
  mkdirSync(dir, { recursive: true })
  const files = new Map(ALL_STREAMS.map(s => [`${s.department}.${s.name}`, new LineFile(join(dir, s.file))]))
  const truth = new LineFile(join(dir, TRUTH_FILE))
  let summary: GenerationSummary
  let citizens = 0
  try {
    summary = generateCity(options, {
      record: (department, stream, record) => (files.get(`${department}.${stream}`) as LineFile).line(record),
      truth: entry => {
        truth.line(entry)
        if (entry.type === 'person') onCitizen?.(++citizens)
      }
    })
    // The issue-19 departments the city serves (gplx), from the same households.
    renderServedSourceDepartments(options, new Set(DEPARTMENTS.map(d => d.id)), (department, stream, record) =>
      (files.get(`${department}.${stream}`) as LineFile).line(record))
  } finally {
    for (const f of files.values()) f.close()
    truth.close()
  }
  const manifest: CityManifest = {
    generator: 'lienthong-sim/1',
    ...summary,
    files: { truth: TRUTH_FILE, ...Object.fromEntries(ALL_STREAMS.map(s => [`${s.department}.${s.name}`, s.file])) }
  }
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
  return manifest
}
