// Takes a batch pushed by a source: validates each record against its stream's raw schema,
// accepts what is valid and reports what is not, per record, and publishes accepted records as
// change events on source.<id>, exactly like the poll runner. Idempotent on the source's event id:
// a receipt per event id is written after the publish, and the change event's id derives from the
// source event id, so a retry that races a receipt still yields one event downstream.
import type { ValidateFunction } from 'ajv'
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { describeErrors } from '../../schemas/validator.js'
import { rawTopic, type ConnectorManifest } from '../contract.js'
import { changeEventMessage, toChangeEvent } from '../runner/change-event.js'
import { recordToChange } from '../declarative/declarative-connector.js'
import { compileRawSchema } from '../declarative/raw-schema-ajv.js'
import type { ConnectorRegistry } from '../registry/registry.js'
import { receiptId, type ReceiptDoc, type RegistrationDoc } from '../registry/registry-docs.js'
import { RegistryError } from '../registry/registry-error.js'

export interface PushedEvent { eventId: string, stream?: string, op?: 'c' | 'u' | 'd', record: Record<string, unknown> }
export interface PushResult {
  index: number
  eventId: string
  status: 'accepted' | 'duplicate' | 'rejected'
  errors?: Array<{ path: string, message: string }>
}
export interface PushOutcome { accepted: number, duplicates: number, rejected: number, results: PushResult[] }

export function createPushIntake (
  { registry, eventLog, store }: { registry: ConnectorRegistry, eventLog: EventLog, store: Store }
): (doc: RegistrationDoc, events: PushedEvent[]) => Promise<PushOutcome> {
  // Compiled once per registration revision.
  const compiled = new Map<string, Map<string, ValidateFunction>>()
  const validators = (doc: RegistrationDoc): Map<string, ValidateFunction> => {
    const key = `${doc.connectorId}@${doc.version}`
    let v = compiled.get(key)
    if (v === undefined) {
      v = new Map(doc.registration.streams.map(s => [s.name, compileRawSchema(s.rawSchema)]))
      compiled.set(key, v)
    }
    return v
  }

  return async function intake (doc, events) {
    const r = doc.registration
    if (r.mode !== 'push') {
      throw new RegistryError(409, 'LT_ERR_CONNECTOR_NOT_PUSH',
        `connector '${r.id}' polls its source; it takes no pushed events`)
    }
    const manifest: ConnectorManifest = {
      id: r.id,
      version: r.version,
      sourceSystem: r.sourceSystem,
      mode: 'push',
      streams: r.streams.map(({ name, primaryKey, cursorField, rawSchema }) =>
        ({ name, primaryKey, cursorField, rawSchema }))
    }
    const checks = validators(doc)
    const results: PushResult[] = events.map((e, index) => ({ index, eventId: e.eventId, status: 'accepted' }))
    const seen = new Set<string>()
    const candidates: number[] = []
    events.forEach((e, i) => {
      const streamName = e.stream ?? (r.streams.length === 1 ? r.streams[0].name : undefined)
      const validate = streamName !== undefined ? checks.get(streamName) : undefined
      if (seen.has(e.eventId)) { results[i].status = 'duplicate'; return }
      seen.add(e.eventId)
      if (validate === undefined) {
        const message = streamName === undefined
          ? `name the stream: one of ${r.streams.map(s => s.name).join(', ')}`
          : `no stream '${streamName}'`
        results[i] = { ...results[i], status: 'rejected', errors: [{ path: `/events/${i}/stream`, message }] }
      } else if (!validate(e.record)) {
        const errors = describeErrors(validate.errors)
          .map(x => ({ path: `/events/${i}/record${x.path === '/' ? '' : x.path}`, message: x.message }))
        results[i] = { ...results[i], status: 'rejected', errors }
      } else candidates.push(i)
    })
    const known = await store.getMany('connectors', candidates.map(i => receiptId(r.id, events[i].eventId)))
    const fresh = candidates.filter(i => {
      if (!known.has(receiptId(r.id, events[i].eventId))) return true
      results[i].status = 'duplicate'
      return false
    })
    const ingestTime = new Date().toISOString()
    const messages = fresh.map(i => {
      const e = events[i]
      const stream = r.streams.find(s => s.name === (e.stream ?? r.streams[0].name)) as typeof r.streams[number]
      const change = recordToChange(r, stream, e.record, e.op)
      const event = {
        ...toChangeEvent(manifest, stream.name, change, false, ingestTime),
        id: `${r.id}:${stream.name}:push:${e.eventId}`
      }
      return changeEventMessage(event)
    })
    await eventLog.publish(rawTopic(r.id), messages)
    const receipts = fresh.map(i => {
      const eventId = events[i].eventId
      const doc = {
        _id: receiptId(r.id, eventId), version: 1, kind: 'push-receipt', connectorId: r.id, eventId, at: ingestTime
      } satisfies ReceiptDoc
      return { doc, expectedVersion: null }
    })
    if (receipts.length > 0) await store.bulkUpsert('connectors', receipts)
    const count = (s: PushResult['status']): number => results.filter(x => x.status === s).length
    const outcome = {
      accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results
    }
    const { accepted, duplicates, rejected } = outcome
    await registry.recordPush(r.id, r.version, { accepted, duplicates, rejected })
    return outcome
  }
}
