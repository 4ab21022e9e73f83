// Server-side request forgery guard for every URL an integrator registers. A URL is checked when it
// is registered and again on every request: scheme http(s), no credentials in it, and every
// address its host resolves to outside loopback, link-local, private, CGNAT, unique-local,
// multicast and the other special ranges, unless the operator allow-listed it. The dispatcher
// re-resolves and re-checks inside the connection itself, so the address connected to is the one
// that was checked: a DNS answer that changes between check and connect (rebinding) is refused.
// Special-use names (RFC 6761: localhost, localhost., *.localhost, any case) never go to DNS:
// they are loopback by definition and are judged as 127.0.0.1 and ::1.
// An allow-list entry that is an origin (http://127.0.0.1:4001) admits that scheme, host and port
// only: the same host on another port, or over the other scheme, is judged like any other.
import { lookup as dnsLookup } from 'node:dns/promises'
import type { LookupAddress } from 'node:dns'
import { Agent, buildConnector, type Dispatcher } from 'undici'
import { withTimeout } from '../../infra/shared/retry.js'
import { formatIp, inBlock, parseCidr, parseIp, unwrapMappedV4, type CidrBlock, type IpAddress } from './ip-address.js'
import { refusedRange } from './refused-ranges.js'
import { HubError } from '../../infra/shared/hub-error.js'

export type Resolve = (host: string) => Promise<LookupAddress[]>

/** A refused address stays refused: retrying cannot help. */
export class SsrfRefusedError extends HubError {
  constructor (message: string) {
    super(message, { code: 'LT_ERR_SSRF_REFUSED', status: 422, retriable: false })
  }
}

export interface SsrfGuardOptions {
  /** CIDRs (127.0.0.1/32, fd00::/8), exact host names or exact origins (http://127.0.0.1:4001) the operator trusts. */
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

/** A DNS host name: dot-separated labels of letters and digits, hyphens inside a label only. */
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i

/** Splits the operator's allow-list; throws on an entry that is neither a CIDR, a host name nor an origin. */
export function parseAllowList (allow: readonly string[]): {
  blocks: CidrBlock[],
  hosts: Set<string>,
  origins: Set<string>
} {
  const blocks: CidrBlock[] = []
  const hosts = new Set<string>()
  const origins = new Set<string>()
  for (const entry of allow.map(e => e.trim()).filter(e => e !== '')) {
    const block = parseCidr(entry)
    if (block !== undefined) blocks.push(block)
    else if (HOST_NAME.test(entry)) hosts.add(entry.toLowerCase())
    else if (originOf(entry) !== undefined) origins.add(originOf(entry) as string)
    else throw new Error(
      `SSRF allow-list entry '${entry}' is neither a CIDR nor a host name nor an origin (http://host:port)`
    )
  }
  return { blocks, hosts, origins }
}

/** `scheme://host[:port]` as URL.origin spells it (default port dropped); undefined for anything with more in it. */
export function originOf (text: string): string | undefined {
  if (!/^https?:\/\/[^/?#@]+\/?$/i.test(text)) return undefined
  try { return new URL(text).origin } catch { return undefined }
}

/** The origin undici is about to connect to, spelled like originOf's. */
function connectOrigin (protocol: string, hostname: string, port: string): string | undefined {
  const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname
  return originOf(`${protocol}//${host}${port !== '' ? `:${port}` : ''}`)
}

const LOOPBACK: LookupAddress[] = [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]

/** `localhost` and its forms, normalised (lower case, no trailing dot); undefined for other names. */
export function loopbackName (host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.+$/, '')
  return name === 'localhost' || name.endsWith('.localhost') ? name : undefined
}

export function createSsrfGuard (
  { allow, resolve = systemResolve, dnsTimeoutMs = 3000, connectTimeoutMs = 10000 }: SsrfGuardOptions
): SsrfGuard {
  const { blocks, hosts, origins } = parseAllowList(allow)

  /** `admitted`: the origin being called is one the operator named exactly. */
  function judge (host: string, ip: IpAddress, admitted = false): void {
    const range = refusedRange(ip)
    if (range === undefined || admitted || hosts.has(host)) return
    const unwrapped = unwrapMappedV4(ip)
    if (blocks.some(b => inBlock(ip, b) || inBlock(unwrapped, b))) return
    throw new SsrfRefusedError(
      `${host} resolves to ${formatIp(ip)}, in ${range.cidr} (${range.name}); refused unless the operator ` +
      `allow-lists it (LT_SSRF_ALLOW)`
    )
  }

  /** Resolves a host name and checks every answer: one refused address refuses the host. */
  async function resolveChecked (host: string, admitted = false): Promise<LookupAddress[]> {
    const literal = parseIp(host)
    if (literal !== undefined) {
      judge(host, literal, admitted)
      return [{ address: formatIp(literal), family: literal.family }]
    }
    const special = loopbackName(host)
    if (special !== undefined) return loopbackAnswers(special, admitted)
    let answers: LookupAddress[]
    try {
      answers = await withTimeout(resolve(host), dnsTimeoutMs, `DNS lookup of ${host}`)
    } catch (err) {
      throw new HubError(`cannot resolve ${host}: ${(err as Error).message}`,
        { code: 'LT_ERR_SOURCE_DNS', status: 502, retriable: true, cause: err })
    }
    if (answers.length === 0) {
      throw new HubError(`${host} has no address`, { code: 'LT_ERR_SOURCE_DNS', status: 502, retriable: true })
    }
    for (const a of answers) {
      const ip = parseIp(a.address)
      if (ip === undefined) throw new SsrfRefusedError(`${host} resolved to something that is not an address`)
      judge(host, ip, admitted)
    }
    return answers
  }

  /** Our own fixed answers, so the allowed ones are kept; none allowed refuses the name. */
  function loopbackAnswers (name: string, admitted: boolean): LookupAddress[] {
    let refusal: unknown
    const allowed = LOOPBACK.filter(a => {
      try { judge(name, parseIp(a.address) as IpAddress, admitted); return true } catch (err) {
        refusal ??= err
        return false
      }
    })
    if (allowed.length === 0) throw refusal
    return allowed
  }

  async function checkUrl (text: string): Promise<string[]> {
    let url: URL
    try { url = new URL(text) } catch { throw new SsrfRefusedError('not a valid URL') }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new SsrfRefusedError(`scheme ${url.protocol.replace(':', '')} refused: only http and https`)
    }
    if (url.username !== '' || url.password !== '') {
      throw new SsrfRefusedError(
        'credentials in the URL refused: put secrets in the config (writeOnly) and send them as a header'
      )
    }
    const answers = await resolveChecked(url.hostname.toLowerCase(), origins.has(url.origin))
    return answers.map(a => a.address)
  }

  // net.connect calls this instead of dns.lookup, with `all` set when it wants every address.
  const lookupFor = (admitted: boolean) => (
    hostname: string, options: { all?: boolean, family?: number | string }, callback: (...args: unknown[]) => void
  ): void => {
    resolveChecked(hostname.toLowerCase(), admitted).then(answers => {
      const family = options?.family === 4 || options?.family === 'IPv4'
        ? 4
        : options?.family === 6 || options?.family === 'IPv6' ? 6 : 0
      const usable = family === 0 ? answers : answers.filter(a => a.family === family)
      if (usable.length === 0) {
        callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }))
        return
      }
      if (options?.all === true) callback(null, usable)
      else callback(null, usable[0].address, usable[0].family)
    }, err => callback(err))
  }
  // The lookup does not see the port, so the origin is told apart here, per connection.
  const guarded = buildConnector({ lookup: lookupFor(false) as never, timeout: connectTimeoutMs })
  const admittedConnector = buildConnector({ lookup: lookupFor(true) as never, timeout: connectTimeoutMs })
  const connect: buildConnector.connector = (options, callback) => {
    const origin = connectOrigin(options.protocol, options.hostname, options.port)
    if (origin !== undefined && origins.has(origin)) { admittedConnector(options, callback); return }
    // net.connect skips the lookup for an address literal, so a literal is judged here.
    const literal = parseIp(options.hostname.replace(/^\[|\]$/g, ''))
    if (literal !== undefined) {
      try { judge(options.hostname, literal) } catch (err) { callback(err as Error, null); return }
    }
    guarded(options, callback)
  }
  const dispatcher = new Agent({ connect })

  return { checkUrl, dispatcher, close: async () => await dispatcher.close() }
}
