// The one error handler: every failure leaves as application/problem+json with a stable code.
// 5xx bodies never carry internals; the request id lets support find the log line.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { INTERNAL_DETAIL, problemInstance, problemOf, problemSchema, problemType } from '../problem.js'
import type { Problem, ProblemField } from '../problem.js'
import { HubError } from '../../infra/shared/hub-error.js'
import { AllowedMethods } from './allowed-methods.js'

function send (reply: FastifyReply, request: FastifyRequest, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send({
    type: problemType(p.code), title: p.title, status: p.status, code: p.code,
    ...(p.detail !== undefined ? { detail: p.detail } : {}),
    instance: problemInstance(request.id),
    ...(p.errors !== undefined ? { errors: p.errors } : {})
  })
}

/** Parameters with their own documented code when the schema alone rejects them (else LT_ERR_VALIDATION). */
const parameterCodes: Record<string, string> = { 'querystring/asOf': 'LT_ERR_AS_OF_INVALID' }
const validationCode = (errors: ProblemField[]): string => {
  const codes = new Set(errors.map(e => parameterCodes[e.path]))
  const [only] = codes
  return codes.size === 1 && only !== undefined ? only : 'LT_ERR_VALIDATION'
}

/** Every member of the error family leaves through here (problemOf holds the mapping). */
function sendHubError (reply: FastifyReply, request: FastifyRequest, error: HubError): FastifyReply {
  const problem = problemOf(error)
  // A route's own 5xx (ApiProblem) was logged where it was decided; anything else is logged here.
  if (problem.status >= 500 && (problem as unknown) !== error) {
    request.log.error({ err: error, code: error.code }, 'request failed')
  }
  // "Not now" answers say when to come back, unless the route already did.
  const notNow = problem.status === 429 || problem.status === 503
  if (error.retriable && notNow && !reply.hasHeader('retry-after')) void reply.header('retry-after', '1')
  return send(reply, request, problem)
}

async function problemDetails (app: FastifyInstance): Promise<void> {
  app.addSchema(problemSchema)
  const allowed = new AllowedMethods()
  app.addHook('onRoute', route => { allowed.add(route) })
  /** No route for this method and path: 405 with Allow where the path has other methods, else 404. */
  const noRoute = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = request.url.split('?')[0]
    const shown = path.replace(/\d{9,}/g, '{id}')
    const methods = allowed.of(path)
    if (methods.length > 0 && !methods.includes(request.method)) {
      reply.header('allow', methods.join(', '))
      return send(reply, request, {
        status: 405,
        code: 'LT_ERR_METHOD_NOT_ALLOWED',
        title: 'Method not allowed',
        detail: `${shown} answers ${methods.join(', ')}, not ${request.method}`
      })
    }
    return send(reply, request, {
      status: 404,
      code: 'LT_ERR_ROUTE_NOT_FOUND',
      title: 'No such endpoint',
      detail: `${request.method} ${shown} is not an endpoint of this API`
    })
  }
  // A parametric route can match a path whose own route has other methods (GET /v1/citizens/search
  // reaches GET /v1/citizens/:personalId): the path's own methods decide, before anything else runs.
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return
    const methods = allowed.of(request.url.split('?')[0])
    if (methods.length > 0 && !methods.includes(request.method)) return noRoute(request, reply)
  })
  app.setErrorHandler((error: FastifyError | HubError, request, reply) => {
    // Fastify parses the body of a method it knows (QUERY, say) even on its way to the not-found
    // handler; a parsing error there must not hide that the method is not served on this path.
    if (request.is404 && !(error instanceof HubError) && ((error as FastifyError).statusCode ?? 500) < 500) {
      return noRoute(request, reply)
    }
    if (error instanceof HubError) return sendHubError(reply, request, error)
    const fe = error as FastifyError
    if (fe.validation !== undefined) {
      const where = fe.validationContext ?? 'request'
      const errors = fe.validation.map(v => ({
        path: `${where}${v.instancePath === '' ? '' : v.instancePath}` +
          `${v.keyword === 'required' ? `/${(v.params as { missingProperty: string }).missingProperty}` : ''}`,
        message: v.message ?? 'is invalid'
      }))
      return send(reply, request, {
        status: 400,
        code: validationCode(errors),
        title: 'The request is not valid',
        detail: errors.map(e => `${e.path} ${e.message}`).join('; '),
        errors
      })
    }
    const status = fe.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed')
      return send(reply, request, { status, code: 'LT_ERR_INTERNAL', title: 'Internal error', detail: INTERNAL_DETAIL })
    }
    const code = fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'LT_ERR_BODY_TOO_LARGE'
      : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'LT_ERR_MEDIA_TYPE'
        : fe.code?.startsWith('FST_ERR_CTP') === true ? 'LT_ERR_BODY_INVALID' : 'LT_ERR_BAD_REQUEST'
    return send(reply, request, { status, code, title: 'The request is not valid', detail: fe.message })
  })
  app.setNotFoundHandler(noRoute)
}

export default fp(problemDetails, { name: 'problem-details' })
