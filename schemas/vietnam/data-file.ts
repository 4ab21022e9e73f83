import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Reference data lives in schemas/data as JSON that tsc does not copy into dist/. From source the
// file is at ../data; from the compiled dist/schemas/vietnam it is three levels up, back in the repo.
const CANDIDATES = ['../data/', '../../../schemas/data/']

export function dataFilePath (name: string): string {
  for (const dir of CANDIDATES) {
    const path = fileURLToPath(new URL(dir + name, import.meta.url))
    if (existsSync(path)) return path
  }
  throw new Error(`reference data file not found: schemas/data/${name}`)
}

export function readJsonFile (path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'))
}
