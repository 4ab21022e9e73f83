// Outbound change subscriptions (issue 16): a client subscribes to changes of one entity under a
// purpose; its grant for that purpose limits the fields exactly as a read does (checked here and
// again at every delivery). The target URL passes the connectors' SSRF guard. The delivery itself
// is the notifier's job (consumers/notifier), in whichever process runs the consumers role.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import type { CanonicalEntity } from '../../../schemas/canonical-event.js'
import { ApiProblem } from '../../problem.js'
import { selectFields } from '../../read/field-selection.js'
import type { EntityName } from '../../security/entities.js'
import {
  createSubscription, deleteSubscription, getSubscription, listSubscriptions, liveSecrets, rotateSecret,
  subscriptionView, updateSubscription, type SubscriptionDoc, type SubscriptionFilter
} from '../../../records/subscriptions/subscription-store.js'
import { listDeadDeliveries, pending, purge, replayDeadDelivery } from '../../../records/subscriptions/outbox.js'
import {
  createSubscriptionBody, createdSubscriptionSchema, deadDeliveryListSchema, idParamsSchema, patchSubscriptionBody,
  replayParams, replayedSchema, rotateBody, rotatedSchema, subscriptionListSchema, subscriptionSchema
} from './subscription-schemas.js'

export interface SubscriptionRouteDeps {
  /** The connectors' SSRF guard: throws (code LT_ERR_SSRF_REFUSED) on a URL that may not be called. */
  checkUrl: (url: string) => Promise<unknown>
}

interface Editable { url?: string, fields?: string[], filter?: SubscriptionFilter, description?: string }
interface CreateBody extends Editable { entity: CanonicalEntity, purpose: string, url: string }
type IdReq = { Params: { id: string } }

const problem = { $ref: 'Problem#' } as const
const problems = { 400: problem, 401: problem, 403: problem, 404: problem } as const
const tags = ['subscriptions']

export function subscriptionRoutes (store: Store, { checkUrl }: SubscriptionRouteDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(subscriptionSchema)

    /** The grant's fields for the subscription's purpose: 403 without one, as a read. */
    type Fields = Promise<readonly string[]>
    async function granted (request: FastifyRequest, entity: CanonicalEntity, purpose: string): Fields {
      const { clientId } = request.access.principal
      const fields = await app.accessControl.grants.fieldsFor(clientId, purpose, entity as EntityName)
      if (fields === undefined || fields.length === 0) {
        throw new ApiProblem(403, 'LT_ERR_FORBIDDEN', 'No grant for this subscription',
          `Client '${clientId}' has no grant for purpose '${purpose}' on entity '${entity}'.`,
          [{ path: 'body/purpose', message: `missing grant: client=${clientId} purpose=${purpose} entity=${entity}` }])
      }
      return fields
    }

    async function checkTarget (url: string): Promise<void> {
      try { await checkUrl(url) } catch (err) {
        const refused = (err as { code?: string }).code === 'LT_ERR_SSRF_REFUSED'
        const code = refused ? 'LT_ERR_SSRF_REFUSED' : 'LT_ERR_SUBSCRIPTION_URL'
        const message = (err as Error).message
        throw new ApiProblem(422, code, 'Target URL refused', message, [{ path: 'body/url', message }])
      }
    }

    type Scope = Pick<SubscriptionDoc, 'entity' | 'purpose'>
    async function validate (request: FastifyRequest, { entity, purpose }: Scope, body: Editable): Promise<void> {
      const fields = await granted(request, entity, purpose)
      if (body.fields !== undefined) selectFields(entity as EntityName, fields, body.fields.join(','), 'body/fields')
      if (body.url !== undefined) await checkTarget(body.url)
    }

    /** The subscription, if the caller owns it (operators see every one); 404 otherwise, revealing nothing. */
    async function owned (request: FastifyRequest, id: string): Promise<SubscriptionDoc> {
      const doc = await getSubscription(store, id)
      const { kind, clientId } = request.access.principal
      if (doc === undefined || (doc.clientId !== clientId && kind !== 'operator')) {
        throw new ApiProblem(404, 'LT_ERR_SUBSCRIPTION_NOT_FOUND', 'No such subscription',
          `No subscription '${id}' of yours.`,
          [{ path: 'params/id', message: 'not found' }])
      }
      return doc
    }

    const withPending = async (doc: SubscriptionDoc): Promise<Record<string, unknown>> =>
      ({ ...subscriptionView(doc), pending: (await pending(store, doc._id, 1000)).length })
    const one = { 200: { $ref: 'Subscription#' }, ...problems } as const

    app.post<{ Body: CreateBody }>('/v1/subscriptions', {
      schema: {
        tags,
        summary: 'Subscribe to changes of one entity, within your grant for the purpose',
        body: createSubscriptionBody,
        response: { 201: createdSubscriptionSchema, ...problems, 422: problem }
      }
    }, async (request, reply) => {
      const { entity, purpose, url, fields, filter = {}, description } = request.body
      await validate(request, { entity, purpose }, request.body)
      const clientId = request.access.principal.clientId
      const doc = await createSubscription(store, { clientId, entity, purpose, url, fields, filter, description })
      request.log.info({ subscription: doc._id, clientId, entity, purpose }, 'subscription created')
      return await reply.code(201).send({ subscription: subscriptionView(doc), secret: doc.secrets[0].secret })
    })

    app.get('/v1/subscriptions', {
      schema: {
        tags,
        summary: 'Your subscriptions (operators: every one)',
        response: { 200: subscriptionListSchema, 401: problem, 403: problem }
      }
    }, async request => {
      const { kind, clientId } = request.access.principal
      const subscriptions = await listSubscriptions(store, kind === 'operator' ? undefined : clientId)
      return { data: subscriptions.map(subscriptionView) }
    })

    app.get<IdReq>('/v1/subscriptions/:id', {
      schema: { tags, summary: 'One subscription, with its delivery state', params: idParamsSchema, response: one }
    }, async request => await withPending(await owned(request, request.params.id)))

    app.patch<IdReq & { Body: Editable }>('/v1/subscriptions/:id', {
      schema: {
        tags,
        summary: 'Change the URL, fields, filter or description',
        params: idParamsSchema,
        body: patchSubscriptionBody,
        response: { ...one, 422: problem }
      }
    }, async request => {
      const doc = await owned(request, request.params.id)
      await validate(request, doc, request.body)
      const changes = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined)) as Editable
      const next = await updateSubscription(store, doc._id, d => ({ ...d, ...changes }))
      return subscriptionView(next ?? doc)
    })

    app.delete<IdReq>('/v1/subscriptions/:id', {
      schema: {
        tags,
        summary: 'Unsubscribe: queued deliveries and dead letters are dropped',
        params: idParamsSchema,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...problems }
      }
    }, async (request, reply) => {
      const doc = await owned(request, request.params.id)
      await deleteSubscription(store, doc._id)
      await purge(store, doc._id)
      return await reply.code(204).send()
    })

    const summaries = {
      pause: 'Stop delivering; changes keep queuing, nothing is missed',
      resume: 'Deliver again from where delivery stopped'
    }
    for (const action of ['pause', 'resume'] as const) {
      app.post<IdReq>(`/v1/subscriptions/:id/${action}`, {
        schema: { tags, summary: summaries[action], params: idParamsSchema, response: one }
      }, async request => {
        const doc = await owned(request, request.params.id)
        const next = await updateSubscription(store, doc._id, d => action === 'pause'
          ? { ...d, status: 'paused', pausedBy: 'client', pausedAt: new Date().toISOString(),
            pauseReason: 'paused by the client' }
          : { ...d, status: 'active', pausedBy: undefined, pausedAt: undefined, pauseReason: undefined })
        return await withPending(next ?? doc)
      })
    }

    app.post<IdReq & { Body: { overlapSeconds?: number } }>('/v1/subscriptions/:id/secret', {
      schema: {
        tags,
        summary: 'Rotate the signing secret; the old one keeps signing during the overlap',
        params: idParamsSchema,
        body: rotateBody,
        response: { 200: rotatedSchema, ...problems }
      }
    }, async request => {
      const overlap = request.body.overlapSeconds ?? 86400
      const doc = await owned(request, request.params.id)
      const next = await updateSubscription(store, doc._id, d => rotateSecret(d, overlap)) as SubscriptionDoc
      const previous = next.secrets.at(-2)?.expiresAt
      return {
        secret: next.secrets[next.secrets.length - 1].secret,
        signingSecrets: liveSecrets(next).length,
        ...(previous !== undefined ? { previousValidUntil: previous } : {})
      }
    })

    app.get<IdReq>('/v1/subscriptions/:id/dead-letters', {
      schema: {
        tags,
        summary: 'Deliveries the receiver refused for good',
        params: idParamsSchema,
        response: { 200: deadDeliveryListSchema, ...problems }
      }
    }, async request => {
      const doc = await owned(request, request.params.id)
      const dead = await listDeadDeliveries(store, doc._id)
      return {
        data: dead.map(({ seq, webhookId, entityId, event, reason, failedAt, attempts }) =>
          ({ seq, webhookId, entityId, type: event.type, reason, failedAt, attempts }))
      }
    })

    app.post<{ Params: { id: string, seq: number } }>('/v1/subscriptions/:id/dead-letters/:seq/replay', {
      schema: {
        tags,
        summary: 'Queue a dead delivery again (same webhook-id, at the end of the queue)',
        params: replayParams,
        response: { 202: replayedSchema, ...problems }
      }
    }, async (request, reply) => {
      const doc = await owned(request, request.params.id)
      const { seq } = request.params
      const queued = await replayDeadDelivery(store, doc._id, seq)
      if (queued === undefined) {
        throw new ApiProblem(404, 'LT_ERR_DEAD_DELIVERY_NOT_FOUND', 'No such dead delivery',
          `Subscription '${doc._id}' has no dead delivery ${seq}.`, [{ path: 'params/seq', message: 'not found' }])
      }
      return await reply.code(202).send({ seq: queued.seq })
    })
  }
}
