// Property-level authorization (OWASP API3): a response carries only the granted fields. The
// projection builds a new object from the allow-list, so a field added to the model later is
// never returned until someone grants it.

export interface Projection<T> { data: Partial<T>, returned: string[] }

/** One granted path as the projection walks it: a whole field, or one member of an object field. */
interface Step { path: string, head: string, child?: string }

/**
 * The steps of a grant, in path order: paths deeper than `a.b` left out, and `a.b` left out when
 * `a` is granted whole (it is copied whole). Pure function of the list, so it is computed once per
 * distinct list (a client's grant, or its `fields=` selection) instead of on every read.
 */
function planOf (granted: readonly string[]): readonly Step[] {
  const whole = new Set(granted.filter(f => !f.includes('.')))
  const steps: Step[] = []
  for (const path of [...granted].sort()) {
    const [head, child, ...rest] = path.split('.')
    if (rest.length > 0) continue
    if (child === undefined) steps.push({ path, head })
    else if (!whole.has(head)) steps.push({ path, head, child })
  }
  return steps
}

/** Plans by their path list; bounded (the lists are grants and selections, few in practice). */
const plans = new Map<string, readonly Step[]>()
const MAX_PLANS = 1000

function cachedPlan (granted: readonly string[]): readonly Step[] {
  // NUL cannot occur in a field path, so the key is unambiguous.
  const key = granted.join('\u0000')
  let plan = plans.get(key)
  if (plan === undefined) {
    plan = planOf(granted)
    if (plans.size >= MAX_PLANS) plans.clear()
    plans.set(key, plan)
  }
  return plan
}

/**
 * A deep copy, so the caller can never reach into the source through the projection. Stored
 * documents are JSON data: plain objects, arrays and primitives, copied here directly (much
 * cheaper than structuredClone, which goes through the V8 serializer); anything else is left to
 * structuredClone as before.
 */
function copy (value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(copy)
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const v = copy((value as Record<string, unknown>)[key])
    // A `__proto__` key parsed from JSON is an own member: keep it one (an assignment would set the prototype).
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
    } else {
      out[key] = v
    }
  }
  return out
}

/** Copies the granted paths (`a` or `a.b`) that hold a value; `returned` lists them, sorted. */
export function projectFields<T extends object> (source: T, granted: readonly string[]): Projection<T> {
  const data: Record<string, unknown> = {}
  const returned: string[] = []
  const from = source as Record<string, unknown>
  for (const { path, head, child } of cachedPlan(granted)) {
    const value = from[head]
    if (value === undefined || value === null) continue
    if (child === undefined) { data[head] = copy(value); returned.push(path); continue }
    if (typeof value !== 'object') continue
    const inner = (value as Record<string, unknown>)[child]
    if (inner === undefined || inner === null) continue
    const into = data[head] as Record<string, unknown> | undefined
    if (into === undefined) data[head] = { [child]: copy(inner) }
    else into[child] = copy(inner)
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
      // With nothing required, the branches of a oneOf (a GeoJSON geometry's Point, LineString, …)
      // overlap: a view matches at least one, and says so with anyOf (OpenAPI linters refuse the oneOf).
      if (k === 'oneOf') { out.anyOf = strip(v); continue }
      out[k] = k === 'enum' || k === 'const' ? v
        // Under `properties` the keys are field names, never keywords: keep them all.
        : k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([name, sub]) => [name, strip(sub)]))
          : strip(v)
    }
    return out
  }
  return { ...(strip(schema) as Record<string, unknown>), $id: name, title: name }
}
