// One release of personal data as the audit chain records it: a read by a route, or a change
// delivered to a subscription. Here, below the gateway and the consumers, so both speak one shape.
export interface Disclosure {
  at: string
  requestId: string
  clientId: string
  purpose: string
  entity: string
  /** The personal ids whose data was released. */
  subjects: string[]
  fields: string[]
}
