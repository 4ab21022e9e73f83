// Which id each request asks for: uniform over every id, or skewed like real traffic, where a few
// citizens are looked up far more often than the rest (Zipf: the k-th most popular id is asked
// for in proportion to 1 / k^s). Ranks are laid over a seeded shuffle of the ids, so the hot ids
// are spread through the key space, not neighbours in the index.
import { seededRandom } from '../../sim/random.js'

export type KeyPicker = () => string

export function uniformKeys (ids: readonly string[], seed: number): KeyPicker {
  const random = seededRandom(seed)
  return () => ids[Math.floor(random.next() * ids.length)]
}

export function zipfKeys (ids: readonly string[], s: number, seed: number): KeyPicker {
  const random = seededRandom(seed)
  const order = [...ids]
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1))
    const swap = order[i]
    order[i] = order[j]
    order[j] = swap
  }
  const cdf = new Float64Array(order.length)
  let total = 0
  for (let k = 0; k < order.length; k++) { total += 1 / (k + 1) ** s; cdf[k] = total }
  return () => {
    const u = random.next() * total
    let lo = 0
    let hi = cdf.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cdf[mid] < u) lo = mid + 1
      else hi = mid
    }
    return order[lo]
  }
}

/** Share of draws that fall on the most popular 1 % of ids: how skewed the keys really are. */
export function topPercentShare (ids: readonly string[], s: number): number {
  let top = 0
  let total = 0
  const cut = Math.max(1, Math.floor(ids.length / 100))
  for (let k = 0; k < ids.length; k++) {
    const w = 1 / (k + 1) ** s
    total += w
    if (k < cut) top += w
  }
  return Math.round(top / total * 1000) / 1000
}
