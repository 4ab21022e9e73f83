// Date and name spellings the source systems use, from canonical ISO dates and NFC names.
import { foldDiacritics } from '../../schemas/vietnam/index.js'
import type { Random } from '../random.js'
import type { DepartmentId } from '../city/departments.js'
import type { Injector } from '../city/inject.js'
import { randomInstant } from '../city/time.js'

const parts = (iso: string): [string, string, string] => [iso.slice(8, 10), iso.slice(5, 7), iso.slice(0, 4)]

export const ddMMyyyy = (iso: string): string => { const [d, m, y] = parts(iso); return `${d}${m}${y}` }
export const slashed = (iso: string): string => { const [d, m, y] = parts(iso); return `${d}/${m}/${y}` }
export const dashed = (iso: string): string => { const [d, m, y] = parts(iso); return `${d}-${m}-${y}` }
// d/M/yyyy without leading zeros, as spreadsheets export it.
export const loose = (iso: string): string => { const [d, m, y] = parts(iso); return `${Number(d)}/${Number(m)}/${y}` }

export const upperVi = (name: string): string => name.toLocaleUpperCase('vi')
export const upperAscii = (name: string): string => foldDiacritics(name).toUpperCase()

export interface RenderContext {
  style: Random
  inject: Injector
  asOf: string
  write: (department: DepartmentId, stream: string, record: Record<string, unknown>) => void
}

export interface SourceClock { systemStart: string, migration: string }

// Update time of a record whose last real change was on `changedOn` (ISO date).
export function changedAt (style: Random, changedOn: string, asOf: string): string {
  return randomInstant(style, `${changedOn}T01:00:00Z`,
    `${changedOn}T11:00:00Z` > asOf ? asOf : `${changedOn}T11:00:00Z`)
}
