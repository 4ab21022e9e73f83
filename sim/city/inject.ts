// Injects the mess real source systems have, at configured rates, and writes down every
// injection in the ground truth: legacy-only ids, pre-2025 ward codes, disagreements between
// sources, and invalid records. Each household has its own injector PRNG, so changing a rate
// never changes who lives in the city.
import type { Random } from '../random.js'
import type { DepartmentId } from './departments.js'
import { misspellName } from './people.js'
import { places } from './places.js'
import { addDays, yearOf } from './time.js'
import type { Address, ConflictField, InvalidReason, TruthEntry, TruthPerson } from './truth.js'

export interface InjectionRates {
  // Share of persons with one injected disagreement in a non-authoritative source.
  conflict: number
  // Share of source records made invalid.
  invalid: number
  // Share of records about a person who has a 9-digit CMND that carry only the CMND.
  legacyId: number
  // Share of ward codes written as the pre-2025 code.
  oldWard: number
}

interface PlannedConflict { field: ConflictField, department: DepartmentId, value: string }

// Where a record keeps the fields an invalid-record injection may break (dot paths).
export interface InvalidTargets {
  id?: string
  date?: string
  badDate?: (year: number) => string
  required: string
}

export class Injector {
  private readonly planned = new Map<string, PlannedConflict>()

  constructor (private readonly random: Random, private readonly rates: InjectionRates,
    private readonly emit: (e: TruthEntry) => void) {}

  // Chooses, per person, at most one source that disagrees with the authoritative one.
  planConflict (person: TruthPerson, sources: { bhyt: boolean, business: boolean, land: boolean }): void {
    if (!this.random.chance(this.rates.conflict)) return
    const options: Array<[ConflictField, DepartmentId]> = [['birthDate', 'residence']]
    if (sources.bhyt) options.push(['birthDate', 'bhyt'], ['fullName', 'bhyt'], ['sex', 'bhyt'], ['wardCode', 'bhyt'])
    if (sources.business) options.push(['fullName', 'business'])
    if (sources.land) options.push(['fullName', 'land'])
    const [field, department] = this.random.pick(options)
    this.planned.set(person.personalId, { field, department, value: this.conflictingValue(person, field) })
  }

  private conflictingValue (person: TruthPerson, field: ConflictField): string {
    switch (field) {
      case 'fullName': return misspellName(this.random, person.fullName, person.sex)
      case 'sex': return person.sex === 'male' ? 'female' : 'male'
      case 'wardCode': return this.random.pick(places().wards.filter(w =>
        w.unit.code !== person.permanentAddress.wardCode)).unit.code
      case 'birthDate': {
        const [y, m, d] = person.birthDate.split('-')
        // Day and month swapped, the classic typing slip; else off by a year or a day.
        if (Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`
        return this.random.chance(0.5)
          ? `${yearOf(person.birthDate) + (this.random.chance(0.5) ? 1 : -1)}-${m}-${d === '29' && m === '02'
            ? '28'
            : d}`
          : addDays(person.birthDate, 1)
      }
    }
  }

  hasConflict (personId: string, department: DepartmentId): boolean {
    return this.planned.get(personId)?.department === department
  }

  // The value this source holds for a person's field, recording the disagreement when injected.
  value (person: TruthPerson, field: ConflictField, department: DepartmentId, stream: string, key: string): string {
    const truth = field === 'wardCode' ? person.permanentAddress.wardCode : person[field]
    const plan = this.planned.get(person.personalId)
    if (plan === undefined || plan.field !== field || plan.department !== department) return truth
    const winner: DepartmentId = field === 'wardCode' ? 'residence' : 'civil-status'
    this.emit({ type: 'conflict', entity: 'person', entityKey: person.personalId, field,
      values: { [winner]: truth, [department]: plan.value }, winner, department, stream, key })
    return plan.value
  }

  // Whether this record names the person by the old 9-digit CMND only.
  legacyOnly (person: TruthPerson, department: DepartmentId, stream: string, key: string): boolean {
    if (person.legacyId === undefined || !this.random.chance(this.rates.legacyId)) return false
    this.emit({ type: 'variant', kind: 'legacy-id', department, stream, key, entityKey: person.personalId,
      written: person.legacyId, canonical: person.personalId })
    return true
  }

  // The ward code as this source writes it: sometimes still the pre-2025 one.
  wardCode (address: Address, department: DepartmentId, stream: string, key: string, entityKey: string): string {
    if (address.oldWardCode === address.wardCode || !this.random.chance(this.rates.oldWard)) return address.wardCode
    this.emit({ type: 'variant', kind: 'old-ward', department, stream, key, entityKey, written: address.oldWardCode,
      canonical: address.wardCode })
    return address.oldWardCode
  }

  // Decided before a record is rendered, so an invalid record carries no other injection.
  shouldInvalidate (): boolean { return this.random.chance(this.rates.invalid) }

  // Breaks one field of a rendered record and records how. Returns the key as written.
  invalidate (record: Record<string, unknown>, department: DepartmentId, stream: string, keyField: string,
    entityKey: string, targets: InvalidTargets): string {
    const reasons: InvalidReason[] = ['missing-required']
    if (targets.id !== undefined && typeof getPath(record, targets.id) === 'string') reasons.push('id-11-digits')
    if (targets.date !== undefined && targets.badDate !== undefined) reasons.push('impossible-date')
    const reason = this.random.pick(reasons)
    let field = targets.required
    if (reason === 'id-11-digits') {
      field = targets.id as string
      setPath(record, field, (getPath(record, field) as string).slice(0, 11))
    } else if (reason === 'impossible-date') {
      field = targets.date as string
      setPath(record, field, (targets.badDate as (y: number) => string)(this.random.int(1950, 2005)))
    } else {
      deletePath(record, field)
    }
    const key = String(record[keyField])
    this.emit({ type: 'invalid', department, stream, key, field, reason, entityKey })
    return key
  }
}

function walk (record: Record<string, unknown>, path: string): [Record<string, unknown>, string] {
  const parts = path.split('.')
  let node: any = record
  for (const p of parts.slice(0, -1)) node = node[p]
  return [node, parts[parts.length - 1]]
}

export function getPath (record: Record<string, unknown>, path: string): unknown {
  const [node, last] = walk(record, path)
  return node?.[last]
}

function setPath (record: Record<string, unknown>, path: string, value: unknown): void {
  const [node, last] = walk(record, path)
  node[last] = value
}

function deletePath (record: Record<string, unknown>, path: string): void {
  const [node, last] = walk(record, path)
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  delete node[last]
}
