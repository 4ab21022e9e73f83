// Bounding boxes as RFC 7946 section 5 writes them: [west, south, east, north] in WGS 84 degrees.
// The hub stores one per infrastructure feature (computed from its geometry by the mapping) so a
// bbox query tests envelopes, not geometries. Boxes never cross the antimeridian here: the city is
// nowhere near it, and a query that would (west > east) is refused rather than read as wrapping.
export type Bbox = [number, number, number, number]

/** Vietnam with its islands (Hoàng Sa, Trường Sa), loosely: a position outside is a digitising error. */
export const VIETNAM_EXTENT: Bbox = [102, 6, 118, 24]

/** The envelope of any GeoJSON coordinates (a position or nested lists of them). */
export function bboxOf (coordinates: unknown): Bbox | undefined {
  let box: Bbox | undefined
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number]
      box = box === undefined
        ? [x, y, x, y]
        : [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
      return
    }
    for (const inner of c) visit(inner)
  }
  visit(coordinates)
  return box
}

/** Two envelopes share at least one point (touching edges count, as a map viewport would show them). */
export const bboxesIntersect = (a: Bbox, b: Bbox): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] &&
  b[1] <= a[3]

export const isBbox = (v: unknown): v is Bbox => Array.isArray(v) && v.length === 4 &&
  v.every(n => typeof n === 'number' && Number.isFinite(n))
