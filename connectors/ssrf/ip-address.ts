// Parses IP literals into a family and a 128-bit number, and matches them against CIDR blocks.
// node:net.isIP says whether a string is an address; the arithmetic here says which range it is in.
import { isIP } from 'node:net'

export interface IpAddress { family: 4 | 6, value: bigint }
export interface CidrBlock { family: 4 | 6, base: bigint, bits: number }

export function parseIp (text: string): IpAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  const kind = isIP(bare)
  if (kind === 4) return { family: 4, value: ipv4Value(bare) }
  if (kind === 6) return { family: 6, value: ipv6Value(bare.split('%')[0]) }
  return undefined
}

function ipv4Value (text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n)
}

function ipv6Value (text: string): bigint {
  let head = text
  let tailV4: bigint | undefined
  // A dotted IPv4 tail (::ffff:1.2.3.4) is two groups.
  const lastColon = text.lastIndexOf(':')
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = ipv4Value(text.slice(lastColon + 1))
    head = text.slice(0, lastColon + 1) + '0:0'
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined]
  const leftGroups = left === '' ? [] : left.split(':')
  const rightGroups = right === undefined || right === '' ? [] : right.split(':')
  const missing = 8 - leftGroups.length - rightGroups.length
  const groups = right === undefined ? leftGroups : [...leftGroups, ...Array(missing).fill('0'), ...rightGroups]
  let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n)
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4
  return value
}

export function parseCidr (text: string): CidrBlock | undefined {
  const [addr, bitsText] = text.split('/')
  const ip = parseIp(addr)
  if (ip === undefined) return undefined
  const max = ip.family === 4 ? 32 : 128
  const bits = bitsText === undefined ? max : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return undefined
  return { family: ip.family, base: ip.value & mask(ip.family, bits), bits }
}

const mask = (family: 4 | 6, bits: number): bigint => {
  const width = BigInt(family === 4 ? 32 : 128)
  return bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << (width - BigInt(bits))
}

export const inBlock = (ip: IpAddress, block: CidrBlock): boolean =>
  ip.family === block.family && (ip.value & mask(block.family, block.bits)) === block.base

/** ::ffff:a.b.c.d carries an IPv4 address; it is judged as that address. */
export function unwrapMappedV4 (ip: IpAddress): IpAddress {
  if (ip.family === 6 && (ip.value >> 32n) === 0xffffn) return { family: 4, value: ip.value & 0xffffffffn }
  return ip
}

export function formatIp (ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map(s => String((ip.value >> s) & 0xffn)).join('.')
  const groups: string[] = []
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((ip.value >> s) & 0xffffn).toString(16))
  return groups.join(':')
}
