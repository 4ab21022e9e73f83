// Every console route but sign-in needs a live session; every POST also needs the session's CSRF
// token in the form and, when the browser sends one, an Origin of this host. A page without a
// session leads to sign-in. The session's principal becomes request.access, as an API key's would.
import type { FastifyInstance } from 'fastify'
import { accessContext } from '../plugins/access-control.js'
import { html } from './html.js'
import { page, type ConsoleContext } from './context.js'
import { readCookies, sameToken, SESSION_COOKIE } from './sessions.js'

export function guardConsole (app: FastifyInstance, ctx: ConsoleContext): void {
  app.decorateRequest('consoleSession', undefined)
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config.consoleOpen === true) return
    const session = await ctx.sessions.find(readCookies(request.headers.cookie)[SESSION_COOKIE])
    if (session === undefined) return await reply.redirect('/console/sign-in', 303)
    request.consoleSession = session
    request.access = accessContext(app, request, reply, session.principal)
    if (request.method !== 'POST') return
    const origin = request.headers.origin
    const sameOrigin = origin === undefined || origin === `${request.protocol}://${request.host}`
    const token = (request.body as Record<string, unknown> | undefined)?._csrf
    if (!sameOrigin || !sameToken(token, session.csrf)) {
      request.log.warn({ clientId: session.principal.clientId, url: request.routeOptions.url, via: 'console' },
        'console: request refused, CSRF check failed')
      return await page(request, reply, {
        title: 'Yêu cầu bị từ chối',
        current: '',
        status: 403,
        body: html`<p>Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ. Hãy tải lại trang và thử lại.</p>`
      })
    }
  })
}
