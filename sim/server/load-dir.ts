// Reads a generated city directory back into memory for serving.
import { createReadStream, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { StreamSpec } from '../city/departments.js'
import { MANIFEST_FILE, type CityManifest } from '../city/write-files.js'
import type { SourceRecord } from './record-table.js'

export function readManifest (dir: string): CityManifest {
  const path = join(dir, MANIFEST_FILE)
  if (!existsSync(path)) {
    throw new Error(`${dir} is not a generated city: ${MANIFEST_FILE} is missing (run npm run sim:generate first)`)
  }
  return JSON.parse(readFileSync(path, 'utf8')) as CityManifest
}

export async function readStreamFile (dir: string, spec: StreamSpec): Promise<SourceRecord[]> {
  const path = join(dir, spec.file)
  if (!existsSync(path)) throw new Error(`${path} is missing from the generated city`)
  const records: SourceRecord[] = []
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  let n = 0
  for await (const line of rl) {
    n++
    if (line.trim() === '') continue
    try { records.push(JSON.parse(line) as SourceRecord) } catch (err) {
      throw new Error(`${path}:${n}: not JSON (${(err as Error).message})`)
    }
  }
  return records
}
