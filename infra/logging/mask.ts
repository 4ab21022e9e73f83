// Credentials never reach the logs, wherever a client puts them: an API key in the query string
// (`?api_key=lt_...`), a token in a custom header, a session cookie. Logged URLs and headers pass
// through these maskers (the logger's serializers); personal ids in paths are shortened as before.

export const MASK = '[masked]'

/** Names that carry credentials: api_key, x-api-key, access_token, client_secret, password, sig... */
const credentialName = new RegExp(
  '(^|[-_.])(auth|authorization|api[-_]?key|key|token|secret|password|passwd|pwd|pass|signature|sig|session|' +
  'cookie|credentials?|jwt|bearer)([-_.]|$)|apikey|token|secret|password',
  'i'
)

/** Values shaped like credentials whatever their name: our keys, bearer/basic schemes, JWTs, long random strings. */
const credentialValue = [
  /^lt_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}$/,
  /^(bearer|basic|digest|token)\s+\S+/i,
  /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*$/,
  // 32+ characters of base64/hex with both letters and digits: a secret, not a word or an id.
  /^(?=[A-Za-z0-9+/_=-]*\d)(?=[A-Za-z0-9+/_=-]*[A-Za-z])[A-Za-z0-9+/_=-]{32,}$/
]

export const isCredentialName = (name: string): boolean => credentialName.test(name)
export const isCredentialValue = (value: string): boolean => credentialValue.some(r => r.test(value.trim()))

// A key's public id (`lt_` and 16 hex characters) is matched first and kept whole: it is no personal
// data, and one in ten random ids holds a run of 9 digits, which was masked like an id (a flaky CI run).
const KEY_ID_OR_DIGITS = /lt_[0-9a-f]{16}(?![0-9a-f])|\d{9,}/g

/** Masks runs of 9+ digits (personal ids, CMND, BHYT numbers) keeping the first and last 3. */
export function maskIds (text: string): string {
  return text.replace(KEY_ID_OR_DIGITS,
    m => m.startsWith('lt_') ? m : m.slice(0, 3) + '*'.repeat(m.length - 6) + m.slice(-3))
}

/** One value: our key keeps its public key id (it finds the client), anything else is replaced. */
function maskValue (value: string): string {
  const key = /^(lt_[0-9a-f]{16})_/.exec(value)
  return key !== null ? `${key[1]}_${MASK}` : MASK
}

/** The URL with credential-shaped query values masked and personal ids in it shortened. */
export function maskUrl (url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return maskIds(url)
  const query = url.slice(q + 1).split('&').map(pair => {
    const eq = pair.indexOf('=')
    if (eq < 0) return isCredentialValue(safeDecode(pair)) ? maskValue(safeDecode(pair)) : pair
    const name = pair.slice(0, eq)
    const value = safeDecode(pair.slice(eq + 1))
    return isCredentialName(safeDecode(name)) || isCredentialValue(value) ? `${name}=${maskValue(value)}` : pair
  })
  return maskIds(`${url.slice(0, q)}?${query.join('&')}`)
}

/** A copy of the headers with credential-shaped names or values masked. */
export function maskHeaders (headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (headers === undefined || headers === null || typeof headers !== 'object') return headers
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => {
    const values = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]
    const masked = isCredentialName(name)
      ? values.map(maskValue)
      : values.map(v => isCredentialValue(v) ? maskValue(v) : maskIds(v))
    return [name, Array.isArray(value) ? masked : value === undefined ? value : masked[0]]
  }))
}

function safeDecode (text: string): string {
  try { return decodeURIComponent(text.replace(/\+/g, ' ')) } catch { return text }
}
