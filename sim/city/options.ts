// Options of a generated city, checked once with errors that name the bad option.
import type { InjectionRates } from './inject.js'
import { HubError } from '../../infra/shared/hub-error.js'

export interface CityOptions {
  citizens: number
  seed: number
  // The day the extract was taken; record times never pass it. Fixed, so output is reproducible.
  asOf?: string
  rates?: Partial<InjectionRates>
}

export interface ResolvedCityOptions { citizens: number, seed: number, asOf: string, rates: InjectionRates }

export const DEFAULT_AS_OF = '2025-09-30T00:00:00.000Z'
export const DEFAULT_RATES: InjectionRates = { conflict: 0.02, invalid: 0.005, legacyId: 0.1, oldWard: 0.15 }
export const MAX_CITIZENS = 10_000_000

export class SimOptionError extends HubError {
  constructor (readonly option: string, message: string) {
    super(`${option}: ${message}`, { code: 'LT_ERR_SIM_OPTION', status: 400 })
  }
}

export function resolveCityOptions (o: CityOptions): ResolvedCityOptions {
  if (!Number.isInteger(o.citizens) || o.citizens < 1 || o.citizens > MAX_CITIZENS) {
    throw new SimOptionError('citizens', `must be an integer from 1 to ${MAX_CITIZENS}, got ${String(o.citizens)}`)
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xFFFFFFFF) {
    throw new SimOptionError('seed', `must be an integer from 0 to 4294967295, got ${String(o.seed)}`)
  }
  const asOf = o.asOf ?? DEFAULT_AS_OF
  // Every source's bulk migration happened before this day; an earlier extract would hold times after it.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(asOf) || Number.isNaN(Date.parse(asOf))
    || asOf < '2023-10-01') {
    throw new SimOptionError('asOf', `must be an ISO UTC instant on or after 2023-10-01, got ${asOf}`)
  }
  const rates = { ...DEFAULT_RATES, ...o.rates }
  for (const [name, value] of Object.entries(rates)) {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new SimOptionError(`rates.${name}`, `must be a number from 0 to 1, got ${String(value)}`)
    }
  }
  return { citizens: o.citizens, seed: o.seed, asOf: new Date(asOf).toISOString(), rates }
}
