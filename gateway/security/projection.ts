// Property-level authorization (OWASP API3): a response carries only the granted fields. The
// projection builds a new object from the allow-list, so a field added to the model later is
// never returned until someone grants it.

export interface Projection<T> { data: Partial<T>, returned: string[] }

/** Copies the granted paths (`a` or `a.b`) that hold a value; `returned` lists them, sorted. */
export function projectFields<T extends object> (source: T, granted: readonly string[]): Projection<T> {
  const data: Record<string, unknown> = {}
  const returned: string[] = []
  const whole = new Set(granted.filter(f => !f.includes('.')))
  for (const path of [...granted].sort()) {
    const [head, child, ...rest] = path.split('.')
    if (rest.length > 0) continue
    const value = (source as Record<string, unknown>)[head]
    if (value === undefined || value === null) continue
    if (child === undefined) { data[head] = structuredClone(value); returned.push(path); continue }
    if (whole.has(head) || typeof value !== 'object') continue
    const inner = (value as Record<string, unknown>)[child]
    if (inner === undefined || inner === null) continue
    data[head] = { ...(data[head] as Record<string, unknown> | undefined), [child]: structuredClone(inner) }
    returned.push(path)
  }
  return { data: data as Partial<T>, returned }
}

/**
 * A response schema for projected data: the canonical schema with every `required` dropped (a
 * projection may leave any field out) under a new name. additionalProperties stays as declared,
 * so serialization still drops anything the schema does not know.
 */
export function viewSchema<S extends object> (schema: S, name: string): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip)
    if (node === null || typeof node !== 'object') return node
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node)) {
      if (k === 'required' || k === 'examples' || k === '$schema') continue
      out[k] = k === 'enum' || k === 'const' ? v
        // Under `properties` the keys are field names, never keywords: keep them all.
        : k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([name, sub]) => [name, strip(sub)]))
          : strip(v)
    }
    return out
  }
  return { ...(strip(schema) as Record<string, unknown>), $id: name, title: name }
}
