// OpenAPI document at /docs/json and Swagger UI at /docs. Registered before the routes so it sees
// them; shared schemas keep their own names as components.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

async function openapi (app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Liên Thông API',
        version: '1.0.0',
        description: 'Shared, standardized citizen data for the departments and one-stop shops of Cần Thơ.'
      },
      tags: [
        { name: 'citizens', description: 'Golden records of citizens' },
        { name: 'schemas', description: 'Canonical JSON Schemas of the hub\'s entities and event envelopes' },
        { name: 'health', description: 'Liveness and readiness' }
      ]
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.title ?? json.$id ?? `def-${i}`)
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}

export default fp(openapi, { name: 'openapi' })
