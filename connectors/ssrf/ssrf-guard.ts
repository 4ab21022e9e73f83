// Server-side request forgery guard for every URL an integrator registers. A URL is checked when it
// is registered and again on every request: scheme http(s), no credentials in it, and every
// address its host resolves to outside loopback, link-local, private, CGNAT, unique-local,
// multicast and the other special ranges, unless the operator allow-listed it. The dispatcher
// re-resolves and re-checks inside the connection itself, so the address connected to is the one
// that was checked: a DNS answer that changes between check and connect (rebinding) is refused.
// Special-use names (RFC 6761: localhost, localhost., *.localhost, any case) never go to DNS:
// they are loopback by definition and are judged as 127.0.0.1 and ::1.
import { lookup as dnsLookup } from 'node:dns/promises'
import type { LookupAddress } from 'node:dns'
import { Agent, type Dispatcher } from 'undici'
import { withTimeout } from '../../infra/shared/retry.js'
import { formatIp, inBlock, parseCidr, parseIp, unwrapMappedV4, type CidrBlock, type IpAddress } from './ip-address.js'
import { refusedRange } from './refused-ranges.js'

export type Resolve = (host: string) => Promise<LookupAddress[]>

export class SsrfRefusedError extends Error {
  readonly code = 'LT_ERR_SSRF_REFUSED'
  /** A refused address stays refused: retrying cannot help. */
  readonly retriable = false
  constructor (message: string) {
    super(message)
    this.name = 'SsrfRefusedError'
  }
}

export interface SsrfGuardOptions {
  /** CIDRs (127.0.0.1/32, fd00::/8) or exact host names the operator trusts. */
  allow: readonly string[]
  resolve?: Resolve
  dnsTimeoutMs?: number
  connectTimeoutMs?: number
}

export interface SsrfGuard {
  /** Throws SsrfRefusedError when the URL may not be called; resolves to the checked addresses. */
  checkUrl: (url: string) => Promise<string[]>
  /** An undici dispatcher whose every connection resolves through the guard. */
  dispatcher: Dispatcher
  close: () => Promise<void>
}

const systemResolve: Resolve = async host => await dnsLookup(host, { all: true, verbatim: true })

/** Splits the operator's allow-list; throws on an entry that is neither a CIDR nor a host name. */
export function parseAllowList (allow: readonly string[]): { blocks: CidrBlock[], hosts: Set<string> } {
  const blocks: CidrBlock[] = []
  const hosts = new Set<string>()
  for (const entry of allow.map(e => e.trim()).filter(e => e !== '')) {
    const block = parseCidr(entry)
    if (block !== undefined) blocks.push(block)
    else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry)) hosts.add(entry.toLowerCase())
    else throw new Error(`SSRF allow-list entry '${entry}' is neither a CIDR nor a host name`)
  }
  return { blocks, hosts }
}

const LOOPBACK: LookupAddress[] = [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]

/** `localhost` and its forms, normalised (lower case, no trailing dot); undefined for other names. */
export function loopbackName (host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.+$/, '')
  return name === 'localhost' || name.endsWith('.localhost') ? name : undefined
}

export function createSsrfGuard ({ allow, resolve = systemResolve, dnsTimeoutMs = 3000, connectTimeoutMs = 10000 }: SsrfGuardOptions): SsrfGuard {
  const { blocks, hosts } = parseAllowList(allow)

  function judge (host: string, ip: IpAddress): void {
    const range = refusedRange(ip)
    if (range === undefined || hosts.has(host)) return
    const unwrapped = unwrapMappedV4(ip)
    if (blocks.some(b => inBlock(ip, b) || inBlock(unwrapped, b))) return
    throw new SsrfRefusedError(`${host} resolves to ${formatIp(ip)}, in ${range.cidr} (${range.name}); refused unless the operator allow-lists it (LT_SSRF_ALLOW)`)
  }

  /** Resolves a host name and checks every answer: one refused address refuses the host. */
  async function resolveChecked (host: string): Promise<LookupAddress[]> {
    const literal = parseIp(host)
    if (literal !== undefined) {
      judge(host, literal)
      return [{ address: formatIp(literal), family: literal.family }]
    }
    const special = loopbackName(host)
    if (special !== undefined) return loopbackAnswers(special)
    let answers: LookupAddress[]
    try {
      answers = await withTimeout(resolve(host), dnsTimeoutMs, `DNS lookup of ${host}`)
    } catch (err) {
      throw Object.assign(new Error(`cannot resolve ${host}: ${(err as Error).message}`), { code: 'LT_ERR_SOURCE_DNS', retriable: true })
    }
    if (answers.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'LT_ERR_SOURCE_DNS', retriable: true })
    for (const a of answers) {
      const ip = parseIp(a.address)
      if (ip === undefined) throw new SsrfRefusedError(`${host} resolved to something that is not an address`)
      judge(host, ip)
    }
    return answers
  }

  /** Our own fixed answers, so the allowed ones are kept; none allowed refuses the name. */
  function loopbackAnswers (name: string): LookupAddress[] {
    let refusal: unknown
    const allowed = LOOPBACK.filter(a => {
      try { judge(name, parseIp(a.address) as IpAddress); return true } catch (err) { refusal ??= err; return false }
    })
    if (allowed.length === 0) throw refusal
    return allowed
  }

  async function checkUrl (text: string): Promise<string[]> {
    let url: URL
    try { url = new URL(text) } catch { throw new SsrfRefusedError('not a valid URL') }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SsrfRefusedError(`scheme ${url.protocol.replace(':', '')} refused: only http and https`)
    if (url.username !== '' || url.password !== '') throw new SsrfRefusedError('credentials in the URL refused: put secrets in the config (writeOnly) and send them as a header')
    const answers = await resolveChecked(url.hostname.toLowerCase())
    return answers.map(a => a.address)
  }

  // net.connect calls this instead of dns.lookup, with `all` set when it wants every address.
  const lookup = (hostname: string, options: { all?: boolean, family?: number | string }, callback: (...args: unknown[]) => void): void => {
    resolveChecked(hostname.toLowerCase()).then(answers => {
      const family = options?.family === 4 || options?.family === 'IPv4' ? 4 : options?.family === 6 || options?.family === 'IPv6' ? 6 : 0
      const usable = family === 0 ? answers : answers.filter(a => a.family === family)
      if (usable.length === 0) { callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' })); return }
      if (options?.all === true) callback(null, usable)
      else callback(null, usable[0].address, usable[0].family)
    }, err => callback(err))
  }
  const dispatcher = new Agent({ connect: { lookup: lookup as never, timeout: connectTimeoutMs } })

  return { checkUrl, dispatcher, close: async () => await dispatcher.close() }
}
