// The one error family of the hub. Every error the hub throws on purpose derives from HubError and
// carries what its callers decide on: a stable code (LT_ERR_…, for programs and operators), whether
// the same work may succeed when tried again (batch runners retry only then), and the HTTP status
// it answers with if it reaches the gateway (gateway/plugins/problem-details.ts maps the family).
// It lives in infra/shared, the lowest room, so infra, connectors, consumers and gateway can all
// derive from it without importing each other.

export interface HubErrorOptions {
  /** Stable, documented: LT_ERR_ and upper-case words. */
  code: string
  /** The HTTP status when it reaches the gateway; 500 when it is the hub's own fault. */
  status?: number
  /** True when trying the same work again may succeed (a source or store that is briefly away). */
  retriable?: boolean
  cause?: unknown
}

export class HubError extends Error {
  readonly code: string
  readonly status: number
  readonly retriable: boolean

  constructor (message: string, { code, status = 500, retriable = false, cause }: HubErrorOptions) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = new.target.name
    this.code = code
    this.status = status
    this.retriable = retriable
  }
}

/**
 * Whether trying again may help. Errors of the family say so themselves. An error from outside it
 * (a driver's, the network's, SQLite's busy or full disk) is taken as transient: the caller's bound
 * on attempts still holds, and this is how those failures were treated before the family existed.
 */
export function isRetriable (err: unknown): boolean {
  if (err instanceof HubError) return err.retriable
  const flag = (err as { retriable?: unknown } | null | undefined)?.retriable
  return typeof flag === 'boolean' ? flag : true
}
