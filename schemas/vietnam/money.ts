// Amounts in đồng as Vietnamese systems write them: an integer, or text with '.' (or a space) grouping
// thousands and an optional currency mark ("1.850.000", "1.850.000 đ", "1 850 000 VNĐ"). VND has no
// minor unit in use, so a decimal comma ("1.850.000,50") or a grouping that is not by threes is refused
// rather than guessed: "1.850" is 1 850 đồng, never 1.85.
export type MoneyVndResult = { ok: true, value: number } | { ok: false, code: 'LT_ERR_MONEY', message: string }

const GROUPED = /^\d{1,3}([. ]\d{3})*$/

export function parseMoneyVnd (written: unknown): MoneyVndResult {
  if (typeof written === 'number') {
    return Number.isSafeInteger(written) && written >= 0
      ? { ok: true, value: written }
      : { ok: false, code: 'LT_ERR_MONEY', message: `not a whole amount in đồng: ${written}` }
  }
  if (typeof written !== 'string') return { ok: false, code: 'LT_ERR_MONEY', message: 'no amount' }
  const text = written.normalize('NFC').trim().replace(/\s*(đồng|đ|vnđ|vnd)$/i, '')
  if (!/^\d+$/.test(text) && !GROUPED.test(text)) {
    return { ok: false, code: 'LT_ERR_MONEY', message: `"${written}" is not an amount in đồng (digits grouped by '.')` }
  }
  const value = Number(text.replace(/[. ]/g, ''))
  return Number.isSafeInteger(value)
    ? { ok: true, value }
    : { ok: false, code: 'LT_ERR_MONEY', message: `"${written}" is too large` }
}
