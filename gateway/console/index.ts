// The operator console at /console: server-rendered HTML pages over the same internal services
// the API routes use (registry, store, audit, steward decisions), no client-side script. One page
// per file in pages/; this plugin adds the session guard, form bodies, security headers and an HTML
// error page, all scoped to the console's routes.
import type { FastifyInstance } from 'fastify'
import { ApiProblem } from '../problem.js'
import { RegistryError } from '../../connectors/registry/registry-error.js'
import { html } from './html.js'
import { consoleCss } from './style.js'
import { consoleRoute, page, type ConsoleContext, type ConsoleDeps } from './context.js'
import { createSessions } from './sessions.js'
import { sampleEventsPerMinute } from './events-per-minute.js'
import { guardConsole } from './guard.js'
import { signInRoutes } from './sign-in.js'
import { overviewPage } from './pages/overview.js'
import { connectorPages } from './pages/connectors.js'
import { connectorRegisterPage } from './pages/connector-register.js'
import { deadLetterPages } from './pages/dead-letters.js'
import { conflictPages } from './pages/conflicts.js'
import { unresolvedPage } from './pages/unresolved.js'
import { clientPages } from './pages/clients.js'
import { auditPage } from './pages/audit.js'
import { demoPage } from './pages/demo.js'

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

export function consoleRoutes (deps: ConsoleDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const ctx: ConsoleContext = {
      ...deps,
      sessions: createSessions({ store: deps.store, idleMs: deps.sessionIdleMs }),
      eventsPerMinute: sampleEventsPerMinute(deps.metrics)
    }
    app.addHook('onClose', async () => { ctx.eventsPerMinute.stop() })

    // `/` leads to the console (outside the console's scope, so no guard).
    app.get('/', consoleRoute, async (_request, reply) => await reply.redirect('/console', 302))

    await app.register(async console => {
      // HTML forms post urlencoded bodies; only console routes accept them.
      const formType = 'application/x-www-form-urlencoded'
      console.addContentTypeParser(formType, { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)))
      })
      console.addHook('onRequest', async (_request, reply) => {
        void reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY')
          .header('referrer-policy', 'same-origin')
          .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff')
      })
      console.setErrorHandler(async (error, request, reply) => {
        const known = error instanceof ApiProblem || error instanceof RegistryError ? error : undefined
        const status = known?.status ?? (error as { statusCode?: number }).statusCode ?? 500
        const issues = known?.errors ?? []
        if (status >= 500) request.log.error({ err: error }, 'console page failed')
        return await page(request, reply, {
          title: 'Không thực hiện được',
          current: '',
          status,
          body: html`<section class="card">
<p class="bad">${status >= 500 ? 'Lỗi máy chủ; chi tiết trong nhật ký của hub.' : (error as Error).message}</p>
${issues.length > 0 ? html`<ul>${issues.map(i => html`<li><code>${i.path}</code>: ${i.message}</li>`)}</ul>` : ''}
<p><a href="/console">Về trang tổng quan</a></p></section>`
        })
      })
      const open = { config: { public: true, consoleOpen: true }, schema: { hide: true } }
      console.get('/console/style.css', open, async (_request, reply) =>
        await reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(consoleCss))
      guardConsole(console, ctx)
      signInRoutes(console, ctx)
      overviewPage(console, ctx)
      connectorPages(console, ctx)
      connectorRegisterPage(console, ctx)
      deadLetterPages(console, ctx)
      conflictPages(console, ctx)
      unresolvedPage(console, ctx)
      clientPages(console, ctx)
      auditPage(console, ctx)
      demoPage(console, ctx)
    })
  }
}
