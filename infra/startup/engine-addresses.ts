// Host and port of each engine named by the configuration, parsed without a driver so a bad
// address is refused at boot with the setting's name (the drivers only fail later, and vaguely).
export interface Address { host: string, port: number }

/** A port as written in a setting, or a reason it is not one. */
export function parsePort (text: string): number | string {
  if (!/^\d{1,5}$/.test(text)) return `port '${text}' is not a number`
  const port = Number(text)
  return port >= 1 && port <= 65535 ? port : `port ${port} is outside 1-65535`
}

/** `host:port` of KAFKA_BROKERS. */
export function parseBroker (broker: string): Address | string {
  const at = broker.lastIndexOf(':')
  if (at <= 0) return `'${broker}' is not host:port`
  const port = parsePort(broker.slice(at + 1))
  return typeof port === 'string' ? `${broker}: ${port}` : { host: broker.slice(0, at).replace(/^\[|\]$/g, ''), port }
}

/**
 * The hosts of a mongodb:// URI (none for mongodb+srv://, whose hosts come from DNS). Credentials
 * are cut before anything is parsed, so no message can repeat them.
 */
export function parseMongoHosts (uri: string): Address[] | string {
  const m = /^mongodb(\+srv)?:\/\/([^/?]*)/.exec(uri)
  if (m === null) return 'is not a mongodb:// URI'
  const authority = m[2].slice(m[2].lastIndexOf('@') + 1)
  if (authority === '') return 'names no host'
  if (m[1] !== undefined) return []
  const hosts: Address[] = []
  for (const part of authority.split(',')) {
    const ipv6 = /^\[([^\]]+)\](?::(.*))?$/.exec(part)
    const [host, portText] = ipv6 !== null
      ? [ipv6[1], ipv6[2]]
      : [part.split(':')[0], part.includes(':') ? part.slice(part.indexOf(':') + 1) : undefined]
    if (host === '') return `names an empty host in '${part}'`
    const port = portText === undefined ? 27017 : parsePort(portText)
    if (typeof port === 'string') return `host ${host}: ${port}`
    hosts.push({ host, port })
  }
  return hosts
}
