// State and events of derived streams (contract.ts, DerivedStream): the members of every group
// are kept in the store's connector state, so a group record can be rebuilt whole when any one
// member changes, across pages, runs and restarts. Each group carries a version that moves on
// every change; event ids and positions include it, so two versions never share an id even when
// their members changed at the same source time, and a replayed page yields the same ids again.
import type { Store } from '../../infra/ports/store.js'
import type { DerivedStream, RawChange } from '../contract.js'

export interface GroupState {
  members: Record<string, Record<string, unknown>>
  version: number
  /** Newest source time of any change that touched the group, departures included. */
  lastTime: string
}

export interface GroupChange {
  group: string
  version: number
  change: RawChange
}

interface Item<R> { record: R, change: RawChange }

const groupKey = (d: DerivedStream<unknown>, group: string): string => `${d.name}/group/${group}`
const memberIndexKey = (d: DerivedStream<unknown>, member: string): string => `${d.name}/member/${member}`
const maxIso = (a: string, b: string): string => a > b ? a : b

/**
 * Folds one page of source records into the groups they belong to. Returns the derived changes
 * to publish and `save`, to be called once they are published (a crash in between replays the
 * page from the old state and yields the same versions, hence the same event ids).
 */
export async function foldIntoGroups<R> (
  store: Store, connectorId: string, derived: DerivedStream<R>, items: Array<Item<R>>
): Promise<{ changes: GroupChange[], save: () => Promise<void> }> {
  const d = derived as DerivedStream<unknown>
  const memberKeys = [...new Set(items.map(i => derived.memberKey(i.record)))]
  const index = new Map<string, string | undefined>(await Promise.all(memberKeys.map(async k =>
    [
      k, ((await store.getCursor(connectorId, memberIndexKey(d, k))) as string | null | undefined) ?? undefined
    ] as const)))
  const wanted = new Set<string>()
  for (const i of items) { const g = derived.groupOf(i.record); if (g !== undefined) wanted.add(g) }
  for (const g of index.values()) if (g !== undefined) wanted.add(g)
  const before = new Map<string, GroupState>(await Promise.all([...wanted].map(async g =>
    [
      g,
      ((await store.getCursor(connectorId, groupKey(d, g))) as GroupState | undefined) ??
        { members: {}, version: 0, lastTime: '' }
    ] as const)))
  const after = new Map([...before].map(([g, s]) => [g, structuredClone(s)]))
  const touchedIndex = new Map<string, string | undefined>()

  for (const { record, change } of items) {
    const member = derived.memberKey(record)
    const from = touchedIndex.has(member) ? touchedIndex.get(member) : index.get(member)
    const to = change.op === 'd' ? undefined : derived.groupOf(record)
    if (from !== undefined && from !== to) {
      const s = after.get(from) as GroupState
      delete s.members[member]
      s.lastTime = maxIso(s.lastTime, change.sourceTime)
    }
    if (to !== undefined) {
      const s = after.get(to) as GroupState
      s.members[member] = derived.member(record)
      s.lastTime = maxIso(s.lastTime, change.sourceTime)
    }
    if (from !== to) touchedIndex.set(member, to)
  }

  const changes: GroupChange[] = []
  const writes: Array<[string, unknown]> = []
  for (const [group, s] of after) {
    const old = before.get(group) as GroupState
    if (JSON.stringify(sorted(old.members)) === JSON.stringify(sorted(s.members))) continue
    s.version = old.version + 1
    writes.push([groupKey(d, group), s])
    const members = Object.keys(s.members).sort().map(k => s.members[k])
    if (members.length === 0) {
      changes.push({
        group,
        version: s.version,
        change: { entityKey: group, sourceKey: group, op: 'd', sourceTime: s.lastTime, data: null }
      })
      continue
    }
    const built = derived.build(group, members)
    if (built === undefined) continue
    changes.push({
      group,
      version: s.version,
      change: {
        entityKey: group,
        sourceKey: group,
        op: 'u',
        sourceTime: s.lastTime,
        data: { ...built, [derived.cursorField]: s.lastTime }
      }
    })
  }
  for (const [member, group] of touchedIndex) writes.push([memberIndexKey(d, member), group ?? null])

  return {
    changes,
    save: async () => {
      await Promise.all(writes.map(async ([key, value]) => await store.saveCursor(connectorId, key, value)))
    }
  }
}

function sorted (members: Record<string, unknown>): Array<[string, unknown]> {
  return Object.keys(members).sort().map(k => [k, members[k]])
}
