// The live simulated city keeps the driver-licensing department (gplx) working too: its change
// stream (sim/sources/changes.ts) deducts points from licences on the change timer, as new versions
// the connector's cursor picks up.
import t from 'tap'
import { startSimulatedCity } from '../../../sim/server/city.js'
import type { CityEvent } from '../../../sim/server/webhook.js'
import { waitFor } from '../../helpers/wait-for.js'

t.test('points are deducted from licences on the live change timer', async t => {
  const city = await startSimulatedCity({ citizens: 80, seed: 7 })
  t.teardown(async () => await city.close())
  const table = city.departments.gplx.streams['giay-phep']
  const before = new Map(table.records().map(r => [String(r.SO_GPLX), r.DIEM_CON_LAI]))
  const seen: CityEvent[] = []
  city.onChange(e => { if (e.department === 'gplx') seen.push(e) })
  city.startChanges({ perSecond: 200 })
  const [first] = await waitFor(async () => seen.length > 0 ? seen : undefined,
    { what: 'a gplx change', timeoutMs: 30000 })
  city.stopChanges()
  t.equal(first.op, 'u')
  t.equal(first.kind, 'change')
  const was = before.get(first.key) as number
  t.equal(first.record.DIEM_CON_LAI, Math.max(0, was - 4), 'four points deducted')
  t.ok(String(first.record.NGAY_CAP_NHAT) > '2025-09-30', 'a new update time, after the snapshot')
  if (first.record.DIEM_CON_LAI === 0) t.equal(first.record.TINH_TRANG, 'TAM_GIU', 'no points left: suspended')
})
