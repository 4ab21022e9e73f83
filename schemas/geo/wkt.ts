// Well-Known Text (OGC Simple Features; ISO 19125-1) to a GeoJSON geometry (RFC 7946 section 3.1),
// for the types the canonical urban-infrastructure schema takes: POINT, LINESTRING, MULTILINESTRING,
// POLYGON, each position "x y" or "x y z" with x the longitude. GIS layers export their geometry this
// way; anything the hub could not place on a map is refused with LT_ERR_GEOMETRY and why, never guessed:
// an unknown or EMPTY type, a latitude beyond ±90 (a layer digitised with the axes swapped), a position
// outside Vietnam (projected VN-2000 metres left unconverted), a line of one point, an open ring.
import { VIETNAM_EXTENT } from './bbox.js'

export type Position = number[]
export type Geometry =
  | { type: 'Point', coordinates: Position }
  | { type: 'LineString', coordinates: Position[] }
  | { type: 'MultiLineString', coordinates: Position[][] }
  | { type: 'Polygon', coordinates: Position[][] }

export type WktResult = { ok: true, geometry: Geometry } | { ok: false, code: 'LT_ERR_GEOMETRY', message: string }

const fail = (message: string): WktResult => ({ ok: false, code: 'LT_ERR_GEOMETRY', message })
const NUMBER = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?'
const POSITION = new RegExp(`^(${NUMBER})\\s+(${NUMBER})(?:\\s+(${NUMBER}))?$`)
const HEAD = /^\s*(POINT|LINESTRING|MULTILINESTRING|POLYGON)\s*(?:Z\s*)?(\(.*\))\s*$/is

/** One position "x y [z]": longitude then latitude, each checked against RFC 7946 and Vietnam's extent. */
function position (text: string): Position | string {
  const m = POSITION.exec(text.trim())
  if (m === null) return `"${text.trim()}" is not a position "longitude latitude"`
  const p = [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number)
  const [lon, lat] = p as [number, number]
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return `"${text.trim()}" is not a finite position`
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return `position ${lon} ${lat} is not a WGS 84 longitude, latitude (axes swapped?)`
  }
  const [w, s, e, n] = VIETNAM_EXTENT
  if (lon < w || lon > e || lat < s || lat > n) {
    return `position ${lon} ${lat} is outside Vietnam (not WGS 84, or not converted from VN-2000?)`
  }
  return p
}

/** "(x y, x y)" → positions. */
function positions (group: string): Position[] | string {
  const inner = /^\(\s*([^()]*)\)$/.exec(group.trim())
  if (inner === null) return `"${group.trim()}" is not a list of positions`
  const out: Position[] = []
  for (const part of (inner[1] as string).split(',')) {
    const p = position(part)
    if (typeof p === 'string') return p
    out.push(p)
  }
  return out
}

/** "((…), (…))" → its parenthesised groups. */
function groups (text: string): string[] | string {
  const inner = /^\(\s*(.*)\s*\)$/s.exec(text.trim())
  if (inner === null) return `"${text.trim()}" is not a list of position lists`
  const found = (inner[1] as string).match(/\([^()]*\)/g) ?? []
  const rest = (inner[1] as string).replace(/\([^()]*\)/g, '').replace(/[\s,]/g, '')
  return found.length === 0 || rest !== '' ? `"${text.trim()}" is not a list of position lists` : found
}

const line = (text: string): Position[] | string => {
  const ps = positions(text)
  return typeof ps === 'string' ? ps : ps.length < 2 ? 'a line needs at least two positions' : ps
}
const ring = (text: string): Position[] | string => {
  const ps = positions(text)
  if (typeof ps === 'string') return ps
  if (ps.length < 4) return 'a polygon ring needs at least four positions'
  const [a, z] = [ps[0] as Position, ps[ps.length - 1] as Position]
  return a[0] === z[0] && a[1] === z[1] ? ps : 'a polygon ring must end where it starts'
}

function many (text: string, one: (t: string) => Position[] | string): Position[][] | string {
  const gs = groups(text)
  if (typeof gs === 'string') return gs
  const out: Position[][] = []
  for (const g of gs) {
    const r = one(g)
    if (typeof r === 'string') return r
    out.push(r)
  }
  return out
}

export function parseWkt (written: unknown): WktResult {
  if (typeof written !== 'string' || written.trim() === '') return fail('no geometry')
  const m = HEAD.exec(written)
  if (m === null) return fail(`"${written.slice(0, 40)}" is not WKT of a POINT, LINESTRING, MULTILINESTRING or POLYGON`)
  const type = (m[1] as string).toUpperCase()
  const body = m[2] as string
  if (type === 'POINT') {
    const ps = positions(body)
    if (typeof ps === 'string') return fail(ps)
    return ps.length === 1
      ? { ok: true, geometry: { type: 'Point', coordinates: ps[0] as Position } }
      : fail('a point has one position')
  }
  if (type === 'LINESTRING') {
    const r = line(body)
    return typeof r === 'string' ? fail(r) : { ok: true, geometry: { type: 'LineString', coordinates: r } }
  }
  if (type === 'MULTILINESTRING') {
    const r = many(body, line)
    return typeof r === 'string' ? fail(r) : { ok: true, geometry: { type: 'MultiLineString', coordinates: r } }
  }
  const r = many(body, ring)
  return typeof r === 'string' ? fail(r) : { ok: true, geometry: { type: 'Polygon', coordinates: r } }
}
