// What one subscription may receive of one change: the subscription's fields narrowed to its
// grant for the purpose (a path the grant no longer covers is dropped), projected by the same
// function a read uses (gateway/security/projection.ts, handed in by the hub: access-port.ts).
// A change that touches no field left is not sent; kinds and the ward filter are judged on the
// granted view only, so neither the event type (`moved`, `died`) nor the filter can reveal a field
// the grant does not cover.
import { linkedPersonIds } from '../../records/links.js'
import { digest, type CloudEventBase } from '../../infra/ports/cloud-event-message.js'
import {
  changeEventType, changeId, wardPaths, valueAt, type ChangeKind, type RecordChange
} from '../../records/subscriptions/change-event.js'
import type { SubscriptionDoc } from '../../records/subscriptions/subscription-store.js'
import type { Project } from './access-port.js'

export interface Delivery {
  webhookId: string
  event: CloudEventBase
  subjects: string[]
  fields: string[]
}

/** A path is covered when it, or the object it sits in, is granted (as field-selection.ts). */
export const covered = (path: string, granted: readonly string[]): boolean =>
  granted.includes(path) || (path.includes('.') && granted.includes(path.split('.')[0]))

const touches = (changed: readonly string[], prefix: string): boolean =>
  changed.some(p => p === prefix || p.startsWith(`${prefix}.`))
const ADDRESSES = ['permanentAddress', 'temporaryAddress', 'address']

export function deliveryFor (
  sub: SubscriptionDoc, change: RecordChange, granted: readonly string[] | undefined, projectFields: Project
): Delivery | undefined {
  if (granted === undefined || granted.length === 0 || sub.entity !== change.entity) return undefined
  const selected = sub.fields === undefined ? [...granted] : sub.fields.filter(f => covered(f, granted))
  const changed = change.changed.filter(p => covered(p, selected))
  if (changed.length === 0) return undefined
  const before = change.before === null ? null : projectFields(change.before, selected)
  const after = change.after === null ? null : projectFields(change.after, selected)
  const kinds = change.kinds.filter((k: ChangeKind) =>
    k === 'died' ? changed.includes('dateOfDeath') : k === 'moved' ? ADDRESSES.some(p => touches(changed, p)) : true)
  const { kinds: wanted, wardCode } = sub.filter
  if (wanted !== undefined && !kinds.some(k => wanted.includes(k))) return undefined
  if (wardCode !== undefined) {
    const wards = wardPaths[change.entity]
      .flatMap(p => [valueAt(before?.data ?? null, p), valueAt(after?.data ?? null, p)])
    if (!wards.includes(wardCode)) return undefined
  }
  const id = changeId(change)
  const whole = change.after ?? change.before ?? {}
  return {
    webhookId: `msg_${digest(`${sub._id}\u0000${id}`)}`,
    event: {
      specversion: '1.0',
      id,
      source: `/lienthong/subscriptions/${sub._id}`,
      type: changeEventType(change.entity, kinds[0]),
      subject: change.entityId,
      time: change.validFrom,
      datacontenttype: 'application/json',
      data: {
        entity: change.entity,
        entityId: change.entityId,
        version: change.version,
        previousVersion: change.previousVersion,
        kinds,
        changed,
        before: before?.data ?? null,
        after: after?.data ?? null,
        provenance: Object.fromEntries(Object.entries(change.provenance).filter(([p]) => covered(p, selected))),
        purpose: sub.purpose
      }
    },
    subjects: change.entity === 'person'
      ? [change.entityId]
      : [...new Set(linkedPersonIds(change.entity, whole))].sort(),
    fields: [...new Set([...(before?.returned ?? []), ...(after?.returned ?? [])])].sort()
  }
}
