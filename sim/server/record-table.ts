// One stream of a simulated department held in memory, paged by (update time, key). Versions are
// kept in an array sorted by that pair; a change appends a newer version (the clock only moves
// forward) and leaves the old one behind as stale, skipped when paging and compacted now and then.
import type { StreamSpec } from '../city/departments.js'
import type { Random } from '../random.js'

export type SourceRecord = Record<string, unknown>
export interface Cursor { updatedSince: string, afterKey: string }
export interface Page<R> { data: R[], next: Cursor | null }
export type ChangeOp = 'c' | 'u' | 'd'
export interface TableChange<R = SourceRecord> { spec: StreamSpec, key: string, op: ChangeOp, record: R }

interface Version<R> { updated: string, key: string, record: R }

export interface StreamTable<R extends SourceRecord = SourceRecord> {
  spec: StreamSpec
  size: () => number
  records: () => R[]
  get: (key: string) => R | undefined
  update: (key: string, patch: Partial<R>) => R
  add: (record: R) => R
  remove: (key: string) => R
  page: (cursor: Partial<Cursor>, limit: number) => Page<R>
  randomKey: (random: Random) => string | undefined
}

const before = (a: Version<unknown>, updated: string, key: string): boolean => a.updated < updated
  || (a.updated === updated && a.key <= key)

export function createStreamTable<R extends SourceRecord> (
  spec: StreamSpec,
  initial: Iterable<R>,
  tick: () => string,
  onChange: (change: TableChange<R>) => void
): StreamTable<R> {
  const current = new Map<string, Version<R>>()
  const keys: string[] = []
  let versions: Array<Version<R>> = []
  for (const record of initial) {
    const v = { updated: String(record[spec.updatedField]), key: String(record[spec.keyField]), record }
    if (!current.has(v.key)) keys.push(v.key)
    current.set(v.key, v)
  }
  versions = [...current.values()].sort((a, b) => a.updated < b.updated ? -1 : a.updated > b.updated ? 1 : a.key < b.key
    ? -1 : a.key > b.key ? 1 : 0)
  let stale = 0

  const put = (key: string, record: R, op: ChangeOp): R => {
    const v = { updated: String(record[spec.updatedField]), key, record }
    if (current.has(key)) stale++
    else keys.push(key)
    current.set(key, v)
    versions.push(v)
    if (stale > 1000 && stale > versions.length / 2) {
      versions = versions.filter(x => current.get(x.key) === x)
      stale = 0
    }
    onChange({ spec, key, op, record })
    return record
  }
  const mustGet = (key: string): R => {
    const v = current.get(key)
    if (v === undefined) throw new Error(`no record ${key} in ${spec.department}/${spec.name}`)
    return v.record
  }

  return {
    spec,
    size: () => current.size,
    records: () => [...current.values()].map(v => v.record),
    get: key => current.get(key)?.record,
    update: (key, patch) =>
      put(key, { ...mustGet(key), ...patch, [spec.keyField]: key, [spec.updatedField]: tick() }, 'u'),
    add: record => {
      const key = String(record[spec.keyField])
      if (key === '' || key === 'undefined') {
        throw new Error(`record for ${spec.department}/${spec.name} has no ${spec.keyField}`)
      }
      const t = tick()
      const existed = current.has(key)
      const created = spec.createdField !== undefined && !existed ? { [spec.createdField]: t } : {}
      return put(key, { ...record, ...created, [spec.updatedField]: t }, existed ? 'u' : 'c')
    },
    remove: key =>
      put(key, { ...mustGet(key), [spec.deletedField]: spec.deletedValue, [spec.updatedField]: tick() }, 'd'),
    page: ({ updatedSince = '', afterKey = '' }, limit) => {
      // First version strictly after the cursor.
      let lo = 0
      let hi = versions.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (before(versions[mid], updatedSince, afterKey)) lo = mid + 1
        else hi = mid
      }
      const data: R[] = []
      let last: Version<R> | undefined
      for (let i = lo; i < versions.length && data.length < limit; i++) {
        const v = versions[i]
        if (current.get(v.key) !== v) continue
        data.push(v.record)
        last = v
      }
      return { data,
        next: data.length === limit && last !== undefined ? { updatedSince: last.updated, afterKey: last.key } : null }
    },
    randomKey: random => keys.length === 0 ? undefined : keys[random.int(0, keys.length - 1)]
  }
}
