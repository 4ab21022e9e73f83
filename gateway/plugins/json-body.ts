// JSON request bodies: Fastify's own parser (with its __proto__ / constructor poisoning checks),
// after a depth check. A body nested deeper than `maxDepth` is refused with 400 LT_ERR_BODY_TOO_DEEP
// before it is parsed; deep values would otherwise overflow recursive code later on (ajv, SQLite's
// JSON, walkers) and answer 500. Size stays Fastify's bodyLimit (413 LT_ERR_BODY_TOO_LARGE).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ApiProblem } from '../problem.js'
import { jsonTooDeepAt } from '../../infra/shared/json-depth.js'

async function jsonBody (app: FastifyInstance, { maxDepth }: { maxDepth: number }): Promise<void> {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string
    const at = jsonTooDeepAt(text, maxDepth)
    if (at !== undefined) {
      done(new ApiProblem(400, 'LT_ERR_BODY_TOO_DEEP', 'The request body nests too deeply',
        `JSON bodies may nest at most ${maxDepth} levels of objects and arrays; ` +
          `this one goes deeper at character ${at}.`,
        [{ path: 'body', message: `nests deeper than ${maxDepth} levels at character ${at}` }]), undefined)
      return
    }
    parse(request, text, done)
  })
}

export default fp(jsonBody, { name: 'json-body', dependencies: ['problem-details'] })
