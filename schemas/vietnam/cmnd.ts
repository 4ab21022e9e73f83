import { fail, type Failure } from './result.js'

// Legacy identity card (CMND): 9 digits. The 12-digit CMND issued 2012-2016 has the personal-id
// layout and goes through parsePersonalId instead.
export type CmndResult = { ok: true, value: string } | Failure<'LT_ERR_CMND_FORMAT'>

export function parseCmnd (s: string): CmndResult {
  const value = typeof s === 'string' ? s.replace(/\s+/g, '') : ''
  if (!/^\d{9}$/.test(value)) return fail('LT_ERR_CMND_FORMAT', `CMND must be 9 digits, got "${String(s)}"`)
  return { ok: true, value }
}
