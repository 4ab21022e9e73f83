// A small seeded PRNG (mulberry32): the simulated city must be the same for the same seed.
export interface Random {
  next: () => number
  int: (minInclusive: number, maxInclusive: number) => number
  pick: <T>(items: readonly T[]) => T
  weighted: <T>(items: ReadonlyArray<readonly [T, number]>) => T
}

export function seededRandom (seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: items => items[int(0, items.length - 1)],
    weighted: items => {
      const total = items.reduce((s, [, w]) => s + w, 0)
      let r = next() * total
      for (const [item, w] of items) { r -= w; if (r < 0) return item }
      return items[items.length - 1][0]
    }
  }
}
