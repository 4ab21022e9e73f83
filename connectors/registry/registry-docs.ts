// The documents the registry keeps in the 'connectors' collection, one kind per job, so the API's
// edits, the runners' status reports and push receipts never race on one document:
//   <id>            registration (the connector as registered, secrets included, push token hashed)
//   control:<id>    desired state set through the API (paused, run requested), read by the host
//   status:<id>     what the connectors role last saw (counters, errors), written by the host
//   receipt:<id>:<h> one per pushed source event id, for idempotency
import { createHash } from 'node:crypto'
import type { StoredDoc } from '../../infra/ports/store.js'
import type { Registration } from './registration.js'

export interface RegistrationDoc extends StoredDoc {
  kind: 'registration'
  connectorId: string
  registration: Registration
  pushTokenHash?: string
  createdAt: string
  updatedAt: string
}

export interface ControlDoc extends StoredDoc {
  kind: 'control'
  connectorId: string
  paused: boolean
  runRequestedAt?: string
}

export interface RunnerStatus {
  read: number
  published: number
  rejected: number
  running: boolean
  lastRunAt?: string
  lastSuccessAt?: string
  lastError?: { code: string, message: string, at: string }
  lagMs?: number
  /** Push connectors: what the endpoint took. */
  duplicates?: number
  lastPushAt?: string
}

export interface StatusDoc extends StoredDoc {
  kind: 'status'
  connectorId: string
  connectorVersion: string
  status: RunnerStatus
  reportedAt: string
}

export interface ReceiptDoc extends StoredDoc {
  kind: 'push-receipt'
  connectorId: string
  eventId: string
  at: string
}

export const controlId = (id: string): string => `control:${id}`
export const statusId = (id: string): string => `status:${id}`
export const receiptId = (id: string, eventId: string): string =>
  `receipt:${id}:${createHash('sha256').update(eventId).digest('base64url')}`
