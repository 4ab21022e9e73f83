// Reads a dotted path from a raw record. `a[].b` fans out over the array a, giving an array.
export function readPath (record: unknown, path: string): unknown {
  return read(record, path.split('.'))
}

function read (node: unknown, parts: string[]): unknown {
  if (parts.length === 0) return node
  if (node === null || typeof node !== 'object') return undefined
  const [head, ...rest] = parts
  if (head.endsWith('[]')) {
    const list = (node as Record<string, unknown>)[head.slice(0, -2)]
    if (!Array.isArray(list)) return undefined
    return list.map(item => read(item, rest)).filter(v => v !== undefined)
  }
  return read((node as Record<string, unknown>)[head], rest)
}

export const isPresent = (v: unknown): boolean => v !== undefined && v !== null && v !== '' &&
  !(Array.isArray(v) && v.length === 0)
