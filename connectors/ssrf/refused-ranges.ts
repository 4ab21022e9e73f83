// The address ranges a registered connector may not reach unless the operator allow-lists them:
// everything that is not the public internet (RFC 6890 special-purpose registries, trimmed to what
// matters for server-side request forgery).
import { inBlock, parseCidr, unwrapMappedV4, type CidrBlock, type IpAddress } from './ip-address.js'

const ranges: Array<[string, string]> = [
  ['0.0.0.0/8', 'unspecified ("this network")'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata lives here)'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved (and broadcast)'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'IPv4-compatible (deprecated)'],
  ['64:ff9b::/96', 'NAT64'],
  ['64:ff9b:1::/48', 'NAT64 (local use)'],
  ['100::/64', 'discard-only'],
  ['2001:db8::/32', 'documentation'],
  ['2002::/16', '6to4 (may embed a private IPv4 address)'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast']
]

const blocks: Array<{ block: CidrBlock, cidr: string, name: string }> = ranges.map(
  ([cidr, name]) => ({ block: parseCidr(cidr) as CidrBlock, cidr, name })
)

/** The refused range an address falls in, or undefined for a public address. */
export function refusedRange (address: IpAddress): { cidr: string, name: string } | undefined {
  const ip = unwrapMappedV4(address)
  const hit = blocks.find(b => inBlock(ip, b.block))
  return hit === undefined ? undefined : { cidr: hit.cidr, name: hit.name }
}
