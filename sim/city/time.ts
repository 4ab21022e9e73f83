// Calendar helpers for the generator: dates are ISO yyyy-MM-dd strings, times ISO instants.
import type { Random } from '../random.js'

const DAY_MS = 86400000

export const toDay = (iso: string): number => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS)
export const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)
export const yearOf = (iso: string): number => Number(iso.slice(0, 4))

export function randomDate (random: Random, fromIso: string, toIso: string): string {
  const from = toDay(fromIso)
  const to = toDay(toIso)
  return fromDay(to <= from ? from : random.int(from, to))
}

export function addYears (iso: string, years: number): string {
  const y = yearOf(iso) + years
  const md = iso.slice(5, 10) === '02-29' ? '02-28' : iso.slice(5, 10)
  return `${String(y).padStart(4, '0')}-${md}`
}

export const addDays = (iso: string, days: number): string => fromDay(toDay(iso) + days)

export const ageAt = (birthIso: string, atIso: string): number => {
  const years = yearOf(atIso) - yearOf(birthIso)
  return atIso.slice(5, 10) < birthIso.slice(5, 10) ? years - 1 : years
}

// An instant with whole seconds, uniformly between two instants.
export function randomInstant (random: Random, fromIso: string, toIso: string): string {
  const from = Math.ceil(Date.parse(fromIso) / 1000)
  const to = Math.floor(Date.parse(toIso) / 1000)
  return new Date((to <= from ? from : random.int(from, to)) * 1000).toISOString()
}

// Record times as a source database holds them: created when the record was first entered (not
// before the system existed), updated later. Part of every system came from one bulk migration,
// so many records share the exact same update time: cursors must handle such ties.
export function recordTimes (random: Random, eventDate: string, systemStart: string, migration: string,
  asOf: string): { createdAt: string, updatedAt: string } {
  const created = eventDate > systemStart.slice(0, 10)
    ? randomInstant(random, `${eventDate}T01:00:00Z`, `${addDays(eventDate, 30)}T10:00:00Z`) : migration
  const createdAt = created > asOf ? asOf : created
  if (createdAt === migration && random.chance(0.6)) return { createdAt, updatedAt: migration }
  return { createdAt, updatedAt: random.chance(0.5) ? createdAt : randomInstant(random, createdAt, asOf) }
}
