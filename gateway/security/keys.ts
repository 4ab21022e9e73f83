// API keys: `lt_<keyId>_<secret>`. The key id is public and finds the stored hash with one get; the
// secret is 256 random bits and is stored only as a salted scrypt hash, so a copy of the store
// gives no usable key. Hash parameters travel with each hash, so they can be raised later.
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const scrypt = async (secret: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  await new Promise((resolve, reject) => scryptCallback(secret, salt, keylen, options,
    (err, key) => err !== null ? reject(err) : resolve(key)))

/** N = 2^15, r = 8, p = 1: about 100 ms on our 2-core machines; above OWASP's floor of 2^14 for scrypt. */
export const scryptParams = { log2N: 15, r: 8, p: 1 } as const
const KEY_LENGTH = 32

export interface ParsedKey { keyId: string, secret: string }

const keyPattern = /^lt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/

export function parseKey (presented: string): ParsedKey | undefined {
  const m = keyPattern.exec(presented)
  return m === null ? undefined : { keyId: m[1], secret: m[2] }
}

export function generateKey (): { key: string, keyId: string, secret: string } {
  const keyId = randomBytes(8).toString('hex')
  const secret = randomBytes(32).toString('base64url')
  return { key: `lt_${keyId}_${secret}`, keyId, secret }
}

/** `scrypt$<log2N>$<r>$<p>$<salt b64url>$<hash b64url>` */
export async function hashSecret (secret: string): Promise<string> {
  const { log2N, r, p } = scryptParams
  const salt = randomBytes(16)
  const hash = await scrypt(secret, salt, KEY_LENGTH, options(log2N, r, p))
  return ['scrypt', log2N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

export async function verifySecret (secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [log2N, r, p] = parts.slice(1, 4).map(Number)
  if (![log2N, r, p].every(Number.isInteger) || log2N < 14 || log2N > 20) return false
  const expected = Buffer.from(parts[5], 'base64url')
  const actual = await scrypt(secret, Buffer.from(parts[4], 'base64url'), expected.length, options(log2N, r, p))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** What the in-process cache is keyed by: never the key itself. */
export const fingerprint = (presented: string): string => createHash('sha256').update(presented).digest('base64url')

const options = (log2N: number, r: number, p: number): ScryptOptions =>
  ({ N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r + 1024 * 1024 })
