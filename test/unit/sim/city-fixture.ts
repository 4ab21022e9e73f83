// Test helper: a small city generated in memory, records grouped by stream.
import { generateCity, type GenerationSummary } from '../../../sim/city/generate.js'
import type { CityOptions } from '../../../sim/city/options.js'
import type { TruthEntry } from '../../../sim/city/truth.js'
import type { Written } from './read-back.js'

export function smallCity (options: CityOptions): { written: Written, truth: TruthEntry[],
  summary: GenerationSummary } {
  const written: Written = {}
  const truth: TruthEntry[] = []
  const summary = generateCity(options, {
    record: (department, stream, record) => { (written[`${department}.${stream}`] ??= []).push(record) },
    truth: e => truth.push(e)
  })
  return { written, truth, summary }
}
