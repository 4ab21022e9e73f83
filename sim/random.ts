// A small seeded PRNG (mulberry32): the simulated city must be the same for the same seed.
export interface Random {
  next: () => number
  int: (minInclusive: number, maxInclusive: number) => number
  pick: <T>(items: readonly T[]) => T
  weighted: <T>(items: ReadonlyArray<readonly [T, number]>) => T
  chance: (probability: number) => boolean
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
    },
    chance: probability => probability > 0 && next() < probability
  }
}

// Derives an independent seed for the n-th item (household, stream…), so one household's draws
// never shift another's, and a change of injection rates leaves the population itself unchanged.
export function mixSeed (seed: number, n: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9E3779B9, 0x85EBCA6B) ^ Math.imul(n >>> 0, 0xC2B2AE35)
  h ^= h >>> 16
  h = Math.imul(h, 0x7FEB352D)
  h ^= h >>> 15
  h = Math.imul(h, 0x846CA68B)
  return (h ^ (h >>> 16)) >>> 0
}

export function stringSeed (s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}
