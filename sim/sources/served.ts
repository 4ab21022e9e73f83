// The issue-19 departments (sim/sources/) that the simulated city serves beside the first five: their
// records come from generateSourceDepartments, which replays the same households as generateCity, so
// the licences belong to the city's own people. Only departments listed in sim/city/departments.ts
// are served; the others are still generated for the ground-truth tests only.
import { DEPARTMENTS, type DepartmentId } from '../city/departments.js'
import { generateSourceDepartments, type SourceCityOptions } from './generate.js'
import type { SourceTruthEntry } from './truth.js'

/** Departments of sim/sources/ that sim/city/departments.ts lists, so the city serves them. */
export const SERVED_SOURCE_DEPARTMENTS: readonly DepartmentId[] = ['gplx', 'viec-lam', 'giao-duc', 'cong-chung',
  'xay-dung', 'noi-vu', 'chinh-sach', 'ha-tang']

export const isSourceDepartment = (id: DepartmentId): boolean => SERVED_SOURCE_DEPARTMENTS.includes(id)

/**
 * Renders the served source departments wanted for a city generated with `options`; each record goes
 * to `record` under its department and stream, and the ground truth of those departments to `truth`.
 */
export function renderServedSourceDepartments (
  options: SourceCityOptions,
  wanted: ReadonlySet<DepartmentId>,
  record: (department: DepartmentId, stream: string, record: Record<string, unknown>) => void,
  truth?: (entry: SourceTruthEntry) => void
): void {
  const served = new Set(SERVED_SOURCE_DEPARTMENTS.filter(d => wanted.has(d) && DEPARTMENTS.some(s => s.id === d)))
  if (served.size === 0) return
  generateSourceDepartments(options, {
    record: (department, stream,
      r) => { if (served.has(department as DepartmentId)) record(department as DepartmentId, stream, r) },
    truth: e => { if (served.has(e.department as DepartmentId)) truth?.(e) }
  })
}
