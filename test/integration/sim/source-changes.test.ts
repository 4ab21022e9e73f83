// The live change streams of the served issue-19 departments: on the city's timer, every served
// department whose records change after the snapshot (sim/sources/changes.ts) changes some of its
// records in its own table: a later version, in its dialect, that its connector's next poll sees.
// Driven by the served list, so a department served later is covered without an edit here.
import t from 'tap'
import { DEPARTMENTS } from '../../../sim/city/departments.js'
import { SERVED_SOURCE_DEPARTMENTS } from '../../../sim/sources/served.js'
import { changesLive } from '../../../sim/sources/changes.js'
import type { SourceDepartmentId } from '../../../sim/sources/departments.js'
import { startSimulatedCity } from '../../../sim/server/city.js'
import type { CityEvent } from '../../../sim/server/webhook.js'
import { waitFor } from '../../helpers/wait-for.js'

t.test('every served department with a change stream changes its table on the live timer', async t => {
  const changing = SERVED_SOURCE_DEPARTMENTS.filter(d => changesLive(d as SourceDepartmentId))
  t.ok(['gplx', 'viec-lam', 'giao-duc', 'noi-vu'].every(d => changing.includes(d as never)),
    `changing: ${changing.join(', ')}`)
  // The served departments alone: the first five's changes are not asked for.
  const city = await startSimulatedCity({ citizens: 1500, seed: 23, departments: [...SERVED_SOURCE_DEPARTMENTS] })
  t.teardown(async () => { await city.close() })
  const events: CityEvent[] = []
  const off = city.onChange(e => { if (e.kind === 'change') events.push(e) })
  city.startChanges({ perSecond: 500 })
  const missing = (): string[] => changing.filter(d => !events.some(e => e.department === d))
  await waitFor(async () => missing().length === 0 ? true : undefined,
    { timeoutMs: 60000, what: `changes of ${missing().join(', ')}` })
  city.stopChanges()
  off()
  for (const department of changing) {
    const spec = DEPARTMENTS.find(d => d.id === department)
    if (spec === undefined) { t.fail(`${department} is served but not listed in sim/city/departments.ts`); continue }
    // The last change of the department is the latest version of its record.
    const event = events.filter(e => e.department === department).at(-1) as CityEvent
    const table = city.departments[spec.handle].streams[event.stream]
    const now = table.get(event.key) as Record<string, unknown>
    t.equal(now[table.spec.updatedField], event.occurredAt,
      `${department} ${event.stream}: the table serves the changed record`)
    t.same(Object.keys(event.record).sort(), Object.keys(now).sort(),
      `${department}: the change is in the department's own dialect`)
  }
})
