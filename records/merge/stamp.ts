// Total order on one source's events. Source times are compared as normalized ISO strings;
// positions numerically when both are digit strings (Kafka-style offsets), else as text; the
// event id breaks the last tie so two different events never compare equal.
import type { Stamp } from '../golden-record.js'

export function comparePositions (a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '')
    const y = b.replace(/^0+(?=\d)/, '')
    if (x.length !== y.length) return x.length < y.length ? -1 : 1
  }
  return a < b ? -1 : a > b ? 1 : 0
}

export function compareStamps (a: Stamp, b: Stamp): number {
  if (a.sourceTime !== b.sourceTime) return a.sourceTime < b.sourceTime ? -1 : 1
  const byPosition = comparePositions(a.position, b.position)
  if (byPosition !== 0) return byPosition
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0
}

export const laterStamp = <S extends Stamp>(a: S | undefined, b: S): S => a === undefined || compareStamps(b, a) > 0
  ? b
  : a

/** ISO 8601 in UTC with milliseconds, so string order is time order. */
export const isoTime = (text: string): string => new Date(text).toISOString()

export const maxIso = (a: string, b: string): string => a >= b ? a : b
