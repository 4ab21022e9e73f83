// The batch stats count conflicts opened and resolved (lt_merger_conflicts_*_total): an update to a
// conflict that stays open is neither, a reopened one is opened again.
import t from 'tap'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import { asMessage, canonicalEvent, harness } from './fixtures.js'

t.test('opened, still open, resolved, reopened', async t => {
  const h = harness()
  const stats = async (events: CanonicalEvent[]): Promise<{ opened: number, resolved: number }> => {
    const s = await h.merge(events.map(asMessage))
    return { opened: s.conflictsOpened, resolved: s.conflictsResolved }
  }
  t.same(await stats([
    canonicalEvent({ system: 'ho-tich', at: 1, fields: { birthDate: '1985-03-14', sex: 'male' } }),
    canonicalEvent({ system: 'cu-tru', at: 3, fields: { birthDate: '1985-03-15', sex: 'male' } })
  ]), { opened: 1, resolved: 0 }, 'a disagreement opens one')
  t.same(await stats([canonicalEvent({ system: 'bhyt', at: 4, fields: { birthDate: '1985-01-01' } })]),
    { opened: 0, resolved: 0 }, 'a third source joins: still the same conflict')
  t.same(await stats([
    canonicalEvent({ system: 'cu-tru', at: 5, fields: { birthDate: '1985-03-14' } }),
    canonicalEvent({ system: 'bhyt', at: 6, op: 'delete' })
  ]), { opened: 0, resolved: 1 }, 'agreement resolves it')
  t.same(await stats([canonicalEvent({ system: 'cu-tru', at: 8, fields: { birthDate: '1986-03-14' } })]),
    { opened: 1, resolved: 0 }, 'reopened counts as opened')
})
