// FerretDB 1.x refuses arrays nested in arrays ("nested arrays are not supported"): a GeoJSON line's
// coordinates ([[lon, lat], …]) could not be stored at all, and the merger stopped on every batch of
// the GIS layer. Such an array is stored as its JSON text in a one-key object and read back as it
// was. Only arrays holding an array are encoded; nothing else changes shape, and nothing in the hub
// queries inside coordinates.
const KEY = 'ltNestedArrayJson'

const holdsArray = (a: unknown[]): boolean => a.some(Array.isArray)

/** The document as the store can hold it (the same object when nothing needed encoding). */
export function encodeNestedArrays<T> (value: T): T {
  if (Array.isArray(value)) {
    if (holdsArray(value)) return { [KEY]: JSON.stringify(value) } as T
    let changed = false
    const out = value.map(v => { const e = encodeNestedArrays(v); if (e !== v) changed = true; return e })
    return (changed ? out : value) as T
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  let out: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const e = encodeNestedArrays(v)
    if (e !== v) { out ??= { ...(value as Record<string, unknown>) }; out[k] = e }
  }
  return (out ?? value) as T
}

/** The document as it was written (the same object when nothing was encoded). */
export function decodeNestedArrays<T> (value: T): T {
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map(v => { const d = decodeNestedArrays(v); if (d !== v) changed = true; return d })
    return (changed ? out : value) as T
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 1 && keys[0] === KEY && typeof record[KEY] === 'string') return JSON.parse(record[KEY]) as T
  let out: Record<string, unknown> | undefined
  for (const k of keys) {
    const d = decodeNestedArrays(record[k])
    if (d !== record[k]) { out ??= { ...record }; out[k] = d }
  }
  return (out ?? value) as T
}
