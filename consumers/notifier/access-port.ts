// What the notifier needs of access control, handed in by the hub wiring (hub/notifier-access.ts)
// from the gateway's own modules (grant checker, audit writer, projection), so a delivery is limited
// and logged exactly as a read is while consumers/ imports nothing from gateway/ (the layering).
import type { Disclosure } from '../../records/disclosure.js'

/** Copies the granted paths (`a` or `a.b`) that hold a value; `returned` lists them. */
export type Project = (source: Record<string, unknown>, granted: readonly string[]) =>
  { data: Record<string, unknown>, returned: string[] }

/** One disclosure, as the audit chain records a read (records/disclosure.ts). */
export type { Disclosure }

export interface NotifierAccess {
  /** The granted field paths for (client, purpose, entity), or undefined without a grant. */
  fieldsFor: (clientId: string, purpose: string, entity: string) => Promise<readonly string[] | undefined>
  /** Appends the audit entry (and the citizens' access-log lines); rejects when it cannot be stored. */
  audit: (disclosure: Disclosure) => Promise<unknown>
  project: Project
  /** Writes what is queued and stops. */
  close: () => Promise<void>
}
