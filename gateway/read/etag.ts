// Entity tags of personal-data reads. A tag is a hash of what decides the representation: the
// record(s) and their version(s), the projected field set and the include options (and asOf or the
// page position), so two projections of one record never share a tag and any change makes a new one.
import { hash } from 'node:crypto'
import { canonicalJson } from '../../infra/shared/canonical-json.js'

/** A strong tag: `"<27 base64url chars of SHA-256>"`. */
export function entityTag (parts: Record<string, unknown>): string {
  // One-shot hash: the same digest as createHash().update().digest(), without the stream object.
  return `"${hash('sha256', canonicalJson(parts), 'base64url').slice(0, 27)}"`
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): `W/` is ignored, `*` matches any tag. */
export function noneMatch (header: string | string[] | undefined, tag: string): boolean {
  if (header === undefined) return false
  const candidates = (Array.isArray(header) ? header.join(',') : header).split(',')
    .map(s => s.trim())
    .filter(s => s !== '')
  return candidates.some(c => c === '*' || c.replace(/^W\//, '') === tag)
}
