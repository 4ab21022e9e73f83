// A simulated civil-status department system on loopback: the civil-status office of the
// simulated city alone (GET /api/v1/cong-dan and /api/v1/ket-hon, paged by update time then id),
// with mutators that change records the way the real office would.
import { startSimulatedCity, type SimulatedCity } from '../server/city.js'
import type { CivilStatusRecord } from './records.js'

export type { CivilStatusRecord } from './records.js'

export interface CivilStatusSource {
  url: string
  records: () => CivilStatusRecord[]
  get: (id: string) => CivilStatusRecord | undefined
  update: (id: string, patch: Partial<Omit<CivilStatusRecord, 'so_dinh_danh' | 'ngay_cap_nhat'>>) => CivilStatusRecord
  add: (record: Omit<CivilStatusRecord, 'ngay_cap_nhat'>) => CivilStatusRecord
  remove: (id: string) => void
  close: () => Promise<void>
}

export interface CivilStatusSourceOptions { host?: string, port?: number, citizens?: number, seed?: number }

export async function startCivilStatusSource ({ host = '127.0.0.1', port = 0, citizens = 200,
  seed = 47 }: CivilStatusSourceOptions = {}): Promise<CivilStatusSource> {
  // Clean records only: this source feeds the hub's own slice, which counts on every one arriving.
  const city = await startSimulatedCity({ citizens, seed, host, portBase: port, departments: ['civil-status'],
    rates: { invalid: 0 } })
  return civilStatusView(city)
}

/** The civil-status department of a running city, seen as a CivilStatusSource (closing it closes the city). */
export function civilStatusView (city: SimulatedCity): CivilStatusSource {
  const department = city.departments.civilStatus
  const people = department.streams['cong-dan']
  const as = (r: unknown): CivilStatusRecord => r as CivilStatusRecord
  return {
    url: department.url,
    records: () => people.records().map(as),
    get: id => { const r = people.get(id); return r === undefined ? undefined : as(r) },
    update: (id, patch) => as(people.update(id, patch)),
    add: record => as(people.add(record as unknown as Record<string, unknown>)),
    remove: id => { people.remove(id) },
    close: async () => await city.close()
  }
}
