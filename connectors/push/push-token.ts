// Push tokens are stored as scrypt hashes: the hub only ever needs to compare, never to send them.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const params = { N: 16384, r: 8, p: 1, keylen: 32 }

const scrypt = async (secret: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  await new Promise((resolve, reject) =>
    scryptCb(secret, salt, keylen, options, (err, key) => err !== null ? reject(err) : resolve(key)))

export async function hashToken (token: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(token, salt, params.keylen, { N: params.N, r: params.r, p: params.p })
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyToken (token: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || hash === undefined) return false
  const expected = Buffer.from(hash, 'base64url')
  const cost = { N: Number(n), r: Number(r), p: Number(p) }
  const key = await scrypt(token, Buffer.from(salt, 'base64url'), expected.length, cost)
  return timingSafeEqual(key, expected)
}
