// Semver precedence (semver.org §11), enough to insist that a new registration version moves up.
export function compareSemver (a: string, b: string): number {
  const [coreA, preA] = split(a)
  const [coreB, preB] = split(b)
  for (let i = 0; i < 3; i++) if (coreA[i] !== coreB[i]) return coreA[i] < coreB[i] ? -1 : 1
  if (preA.length === 0 || preB.length === 0) return preA.length === preB.length ? 0 : preA.length === 0 ? 1 : -1
  for (let i = 0; i < Math.max(preA.length, preB.length); i++) {
    const x = preA[i]
    const y = preB[i]
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1
    if (x === y) continue
    const nx = /^\d+$/.test(x)
    const ny = /^\d+$/.test(y)
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1
    if (nx !== ny) return nx ? -1 : 1
    return x < y ? -1 : 1
  }
  return 0
}

function split (v: string): [number[], string[]] {
  const [core, pre = ''] = v.split(/-(.*)/s)
  return [core.split('.').map(Number), pre === '' ? [] : pre.split('.')]
}
