import t from 'tap'
import { parseCmnd } from '../../../schemas/vietnam/cmnd.js'

t.test('9 digits, leading zeros kept, spaces ignored', async t => {
  t.same(parseCmnd('361234567'), { ok: true, value: '361234567' })
  t.same(parseCmnd('012345678'), { ok: true, value: '012345678' })
  t.same(parseCmnd(' 361 234 567 '), { ok: true, value: '361234567' })
})

t.test('anything else is LT_ERR_CMND_FORMAT', async t => {
  for (const s of ['', '36123456', '3612345678', '092085012345', '36123456A', '361-234-567']) {
    t.match(parseCmnd(s), { ok: false, code: 'LT_ERR_CMND_FORMAT' }, JSON.stringify(s))
  }
  t.match(parseCmnd(undefined as unknown as string), { ok: false, code: 'LT_ERR_CMND_FORMAT' })
})
