// Test helper: the issue-19 departments of a small city, generated in memory and grouped.
import { generateSourceDepartments, type SourceCityOptions,
  type SourceGenerationSummary } from '../../../../sim/sources/generate.js'
import type { SourceDepartmentId } from '../../../../sim/sources/departments.js'
import type { SourceTruthEntry } from '../../../../sim/sources/truth.js'

export interface SourceCity {
  written: Map<SourceDepartmentId, Array<Record<string, unknown>>>
  truth: SourceTruthEntry[]
  summary: SourceGenerationSummary
}

export function sourceCity (options: SourceCityOptions): SourceCity {
  const written = new Map<SourceDepartmentId, Array<Record<string, unknown>>>()
  const truth: SourceTruthEntry[] = []
  const summary = generateSourceDepartments(options, {
    record: (department, _stream, record) => { written.set(department, [...(written.get(department) ?? []), record]) },
    truth: e => truth.push(e)
  })
  return { written, truth, summary }
}
