// Dry run: sample raw records through a connector's raw schema and mapping, nothing published.
import type { FastifyInstance } from 'fastify'
import { requireRegistry } from '../../plugins/access-control.js'
import { dryRun } from '../../../connectors/push/dry-run.js'
import { idParams, problems, type ConnectorApiDeps } from '../connector-deps.js'
import { dryRunResponse } from './connector-schemas.js'

const body = {
  type: 'object',
  required: ['records'],
  additionalProperties: false,
  properties: {
    stream: {
      type: 'string', pattern: '^[a-z0-9-]{1,64}$', description: 'Needed when the connector has more than one stream.'
    },
    records: { type: 'array', minItems: 1, maxItems: 500, items: {} }
  }
} as const

export function connectorDryRunRoutes ({ registry, mappingValidator }: ConnectorApiDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireRegistry)
    app.post<{ Params: { id: string }, Body: { stream?: string, records: unknown[] } }>('/v1/connectors/:id/dry-run', {
      schema: {
        tags: ['connectors'],
        summary: 'Map sample raw records: canonical output and every error per record; nothing is published',
        params: idParams,
        body,
        response: { 200: dryRunResponse, ...problems }
      }
    }, async request => {
      const view = await registry.view(request.params.id)
      const results = dryRun(view, mappingValidator, request.body.stream, request.body.records)
      const ok = results.filter(r => r.ok).length
      return { connector: view.id, version: view.version, ok, failed: results.length - ok, results }
    })
  }
}
