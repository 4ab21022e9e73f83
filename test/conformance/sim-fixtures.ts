// Fixtures for the built-in connectors: a small simulated city (its departments serve exactly what
// the real systems would), with one more broken record added to every stream so each stream has
// something for its dead letters, and expectations read from the city's ground truth.
import { startSimulatedCity, type Departments } from '../../sim/server/city.js'
import type { StreamTable } from '../../sim/server/record-table.js'
import type { ConformanceFixtures, StreamExpectation } from './suite.js'
import type { PollConnector } from '../../connectors/contract.js'

/** Where each built-in connector stream is served in the simulated city. */
export const SIM_STREAMS: Record<string, Record<string, { department: keyof Departments, stream: string }>> = {
  'civil-status': { persons: { department: 'civilStatus', stream: 'cong-dan' },
    marriages: { department: 'civilStatus', stream: 'ket-hon' } },
  residence: { residents: { department: 'residence', stream: 'residents' } },
  land: { parcels: { department: 'land', stream: 'thua-dat' } },
  'health-insurance': { cards: { department: 'bhyt', stream: 'the' } },
  'business-household': { registrations: { department: 'business', stream: 'ho-kinh-doanh' } },
  'driver-licence': { licences: { department: 'gplx', stream: 'giay-phep' } },
  'unemployment-benefit': { benefits: { department: 'viecLam', stream: 'tro-cap' } },
  'student-enrolment': { pupils: { department: 'giaoDuc', stream: 'hoc-sinh' } },
  notarization: { contracts: { department: 'congChung', stream: 'hop-dong' } },
  'construction-permit': { permits: { department: 'xayDung', stream: 'giay-phep' } },
  'civil-servant': { staff: { department: 'noiVu', stream: 'can-bo' } },
  'social-beneficiary': { beneficiaries: { department: 'chinhSach', stream: 'doi-tuong' } },
  'urban-infrastructure': { assets: { department: 'haTang', stream: 'tai-san' } }
}

const BASE_URL: Record<string, keyof Departments> = {
  'civil-status': 'civilStatus', residence: 'residence', land: 'land', 'health-insurance': 'bhyt',
  'business-household': 'business',
  'driver-licence': 'gplx',
  'unemployment-benefit': 'viecLam',
  'student-enrolment': 'giaoDuc',
  notarization: 'congChung',
  'construction-permit': 'xayDung',
  'civil-servant': 'noiVu',
  'social-beneficiary': 'chinhSach',
  'urban-infrastructure': 'haTang'
}

// Departments whose records are few per citizen (about 1 in 100 people is on unemployment benefit):
// a larger city, so a stream spans several pages of the suite's page size.
const CITIZENS: Record<string, number> = { 'unemployment-benefit': 1500, 'social-beneficiary': 1500 }

interface TruthInvalid { type: 'invalid', department: string, stream: string, key: string }
interface TruthHousehold { type: 'household', householdId: string, headId: string }

export function simFixtures<R> (connector: PollConnector<R>,
  { citizens: asked, seed = 11 }: { citizens?: number, seed?: number } = {}): ConformanceFixtures {
  const id = connector.manifest.id
  const citizens = asked ?? CITIZENS[id] ?? 250
  return {
    pageSize: 3,
    async start () {
      const city = await startSimulatedCity({ citizens, seed, rates: { invalid: 0.03 } })
      const truth = city.truth ?? []
      const expected: Record<string, StreamExpectation> = {}
      const tables: Record<string, StreamTable> = {}
      for (const [stream, where] of Object.entries(SIM_STREAMS[id] ?? {})) {
        const table = city.departments[where.department].streams[where.stream]
        tables[stream] = table
        const manifest = connector.manifest.streams.find(s => s.name === stream)
        // The issue-19 departments (gplx) list theirs as source-invalid in their own truth.
        const sourceInvalid = (city.sourceTruth ?? []).filter(e => e.type === 'source-invalid'
          && e.department === table.spec.department).map(e => e.key)
        const invalid = [...sourceInvalid, ...truth.filter((e): e is TruthInvalid & typeof e => e.type === 'invalid'
          && e.department === table.spec.department && e.stream === table.spec.name)
          .map(e => (e as unknown as TruthInvalid).key)]
        if (manifest !== undefined) invalid.push(addBrokenRecord(table, manifest.rawSchema, invalid))
        expected[stream] = {
          invalid,
          valid: table.records().map(r => String(r[table.spec.keyField])).filter(k => !invalid.includes(k))
        }
      }
      if (id === 'residence') {
        // A household is published once its head's record is valid. An invalid record's key may be
        // the corrupted id (an 11-digit one): the person it belongs to is its entityKey.
        const invalidResidents = new Set([
          ...(expected.residents.invalid ?? []),
          ...truth.filter(e => e.type === 'invalid' && e.department === 'residence' && e.stream === 'residents')
            .map(e => (e as unknown as { entityKey: string }).entityKey)
        ])
        expected.households = {
          valid: truth.filter(e => e.type === 'household').map(e => e as unknown as TruthHousehold)
            .filter(h => !invalidResidents.has(h.headId)).map(h => h.householdId),
          invalid: []
        }
      }
      const [firstStream] = Object.keys(tables)
      return {
        baseUrl: city.departments[BASE_URL[id]].url,
        expected,
        async change () {
          const table = tables[firstStream]
          const key = (expected[firstStream].valid ?? [])[0]
          table.update(key, {})
          return { stream: firstStream, key, op: 'u' as const }
        },
        close: async () => await city.close()
      }
    }
  }
}

// A copy of a valid record under a key no record has, without one required field.
function addBrokenRecord (table: StreamTable, rawSchema: Record<string, unknown>, invalid: string[]): string {
  const { keyField, updatedField } = table.spec
  const template = table.records().find(r => !invalid.includes(String(r[keyField]))) as Record<string, unknown>
  const key = freeKey(table, String(template[keyField]))
  const field = ((rawSchema.required ?? []) as string[]).find(f => f !== keyField && f !== updatedField) as string
  const broken: Record<string, unknown> = { ...structuredClone(template), [keyField]: key }
  delete broken[field]
  table.add(broken)
  return key
}

function freeKey (table: StreamTable, like: string): string {
  for (let i = like.length - 1; i >= 0; i--) {
    if (!/\d/.test(like[i])) continue
    for (let d = 0; d <= 9; d++) {
      const candidate = like.slice(0, i) + String(d) + like.slice(i + 1)
      if (table.get(candidate) === undefined) return candidate
    }
  }
  throw new Error(`no free key like ${like}`)
}
