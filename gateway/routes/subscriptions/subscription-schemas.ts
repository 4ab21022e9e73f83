// Request and response schemas of the subscription routes, and the webhook payload documented as
// an OpenAPI 3.1 `webhooks` entry (gateway/plugins/openapi.ts picks it up).
import { canonicalEntities } from '../../../schemas/canonical-event.js'
import { changeKinds } from '../../../records/subscriptions/change-event.js'
import { subscriptionIdPattern } from '../../../records/subscriptions/subscription-store.js'
import { purposePattern } from '../../security/grants.js'

const fieldPath = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$' } as const

export const filterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    wardCode: {
      type: 'string',
      pattern: '^[0-9]{5}$',
      description: 'Only records whose ward code (before or after the change) is this one; the ward field must be ' +
        'granted, or nothing matches.'
    },
    kinds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: changeKinds },
      description: 'Only changes of these kinds.'
    }
  }
} as const

const editable = {
  url: {
    type: 'string',
    minLength: 8,
    maxLength: 2000,
    description: 'Where deliveries are POSTed (http or https); checked by the SSRF guard.'
  },
  fields: {
    type: 'array',
    minItems: 1,
    maxItems: 64,
    uniqueItems: true,
    items: fieldPath,
    description: 'Field paths to receive; each must be covered by the grant. Default: every granted field.'
  },
  filter: filterSchema,
  description: { type: 'string', maxLength: 200 }
} as const

export const createSubscriptionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['entity', 'purpose', 'url'],
  properties: {
    entity: { type: 'string', enum: canonicalEntities },
    purpose: {
      type: 'string',
      pattern: purposePattern,
      description: 'The purpose deliveries are made under; the grant for it limits the fields.'
    },
    ...editable
  }
} as const

export const patchSubscriptionBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: editable
} as const

export const subscriptionSchema = {
  $id: 'Subscription',
  title: 'Subscription',
  type: 'object',
  required: ['id', 'clientId', 'entity', 'purpose', 'url', 'filter', 'status', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string', pattern: subscriptionIdPattern },
    clientId: { type: 'string' },
    entity: { type: 'string', enum: canonicalEntities },
    purpose: { type: 'string' },
    ...editable,
    status: { type: 'string', enum: ['active', 'paused'] },
    pausedBy: { type: 'string', enum: ['client', 'delivery'] },
    pauseReason: { type: 'string', description: 'Why delivery stopped (set when deliveries kept failing).' },
    pausedAt: { type: 'string', format: 'date-time' },
    secretsValidUntil: {
      type: 'array',
      items: { type: ['string', 'null'] },
      description: 'Per live signing secret, when it stops signing (null: the current one).'
    },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    pending: { type: 'integer', description: 'Deliveries queued and not yet delivered.' }
  }
} as const

export const createdSubscriptionSchema = {
  type: 'object',
  required: ['subscription', 'secret'],
  properties: {
    subscription: { $ref: 'Subscription#' },
    secret: { type: 'string', description: 'The signing secret (whsec_…), shown this once: store it now.' }
  }
} as const

export const idParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: subscriptionIdPattern } }
} as const

export const deadDeliverySchema = {
  type: 'object',
  required: ['seq', 'webhookId', 'entityId', 'reason', 'failedAt', 'attempts'],
  properties: {
    seq: { type: 'integer' },
    webhookId: { type: 'string' },
    entityId: { type: 'string' },
    type: { type: 'string' },
    reason: { type: 'string' },
    failedAt: { type: 'string', format: 'date-time' },
    attempts: { type: 'integer' }
  }
} as const

/** The body every delivery carries: a CloudEvent 1.0 in JSON. */
export const webhookEventSchema = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', description: '<entity>:<entity id>:<golden version>; equal for equal changes.' },
    source: { type: 'string', examples: ['/lienthong/subscriptions/sub_…'] },
    type: {
      type: 'string',
      pattern: '^vn\\.lienthong\\.[a-z-]+\\.(created|updated|deleted|died|moved)$',
      examples: ['vn.lienthong.person.moved']
    },
    subject: { type: 'string', description: 'The entity id.' },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    data: {
      type: 'object',
      required: ['entity', 'entityId', 'version', 'kinds', 'changed', 'before', 'after', 'provenance', 'purpose'],
      properties: {
        entity: { type: 'string' },
        entityId: { type: 'string' },
        version: {
          type: 'integer',
          description: 'Golden version after the change: apply a change only when it is newer than what you hold.'
        },
        previousVersion: { type: 'integer' },
        kinds: { type: 'array', items: { type: 'string', enum: changeKinds } },
        changed: { type: 'array', items: { type: 'string' }, description: 'Granted field paths that changed.' },
        before: {
          type: ['object', 'null'],
          description: 'Granted fields before the change (null: the record did not exist).'
        },
        after: { type: ['object', 'null'], description: 'Granted fields after the change (null: deleted).' },
        provenance: { type: 'object', description: 'Per changed field: source system, source key, times, connector.' },
        purpose: { type: 'string' }
      }
    }
  }
} as const

const header = (description: string) => ({ required: true, schema: { type: 'string' }, description })

/** OpenAPI 3.1 `webhooks`: what a subscriber's URL receives. */
export const changeWebhook = {
  post: {
    operationId: 'receiveChange',
    summary: 'A golden-record change within your grant (Standard Webhooks, CloudEvents 1.0 JSON)',
    description: 'Verify webhook-signature (v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>"> ' +
      'with the whsec_ secret), then dedupe by webhook-id: delivery is at least once. Answer 2xx within the ' +
        'timeout; 4xx other than 408/429 dead-letters the delivery, anything else is retried with backoff. See ' +
          'docs/subscriptions.md.',
    parameters: [
      { name: 'webhook-id', in: 'header', ...header('Unique per delivery; equal on retries and replays.') },
      { name: 'webhook-timestamp', in: 'header', ...header('Unix seconds when this attempt was signed.') },
      {
        name: 'webhook-signature',
        in: 'header',
        ...header('Space-separated v1,<base64> signatures, one per live secret.')
      }
    ],
    requestBody: { required: true, content: { 'application/cloudevents+json': { schema: webhookEventSchema } } },
    responses: {
      200: { description: 'Accepted (any 2xx).' },
      410: { description: 'Gone: the delivery is dead-lettered (any 4xx but 408/429).' }
    }
  }
} as const

export const MAX_OVERLAP_SECONDS = 7 * 24 * 3600
const list = (items: object) => ({
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', items } }
}) as const
export const subscriptionListSchema = list({ $ref: 'Subscription#' })
export const deadDeliveryListSchema = list(deadDeliverySchema)

// A body is required (`{}` takes the default overlap): the OpenAPI request body is then honestly required.
export const rotateBody = {
  type: 'object',
  additionalProperties: false,
  properties: { overlapSeconds: { type: 'integer', minimum: 0, maximum: MAX_OVERLAP_SECONDS, default: 86400 } }
} as const

export const rotatedSchema = {
  type: 'object',
  required: ['secret', 'signingSecrets'],
  properties: {
    secret: { type: 'string', description: 'The new secret, shown this once.' },
    signingSecrets: { type: 'integer', description: 'How many secrets sign now.' },
    previousValidUntil: { type: 'string', format: 'date-time' }
  }
} as const

export const replayParams = {
  type: 'object', required: ['id', 'seq'], properties: {
    ...idParamsSchema.properties,
    seq: { type: 'integer', minimum: 1 }
  }
} as const
export const replayedSchema = {
  type: 'object',
  required: ['seq'],
  properties: { seq: { type: 'integer', description: 'Its new place in the queue.' } }
} as const
