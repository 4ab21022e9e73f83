// A small parser of the Prometheus text exposition format (version 0.0.4), enough for tests to
// find a metric's type and its samples by name and labels. prom-client writes the format but has
// no parser; this one is strict on what it reads so a malformed line fails the test.
export interface Sample { name: string, labels: Record<string, string>, value: number }
export interface Exposition { types: Map<string, string>, samples: Sample[] }

const samplePattern = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/
const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

export function parseExposition (text: string): Exposition {
  const types = new Map<string, string>()
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '') continue
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice('# TYPE '.length).split(' ')
      types.set(name, type)
      continue
    }
    if (line.startsWith('#')) continue
    const m = samplePattern.exec(line)
    if (m === null) throw new Error(`not an exposition line: ${line}`)
    const labels: Record<string, string> = {}
    for (const l of (m[2] ?? '').matchAll(labelPattern)) {
      labels[l[1]] = l[2].replace(/\\(.)/g, (_s, c: string) => c === 'n' ? '\n' : c)
    }
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3])
    // Case-insensitive NaN as Prometheus reads it (Go's ParseFloat); prom-client writes "Nan".
    if (Number.isNaN(value) && m[3].toLowerCase() !== 'nan') throw new Error(`not a sample value: ${line}`)
    samples.push({ name: m[1], labels, value })
  }
  return { types, samples }
}

/** Sum of the samples of `name` whose labels include every given one. */
export function valueOf (exposition: Exposition, name: string,
  labels: Record<string, string> = {}): number | undefined {
  const hits = exposition.samples.filter(s => s.name === name
    && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
  return hits.length === 0 ? undefined : hits.reduce((n, s) => n + s.value, 0)
}
