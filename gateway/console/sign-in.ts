// Sign-in with an operator's API key, exchanged for a session cookie; sign-out. The key is checked
// by the same authenticator (and failure throttle) as the API; only operator clients may enter.
// The sign-in form carries its own token, matched against a short-lived cookie, so another site
// cannot sign a browser in under someone else's key (login CSRF).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AuthThrottledError } from '../security/auth-throttle.js'
import { html } from './html.js'
import { page, type ConsoleContext } from './context.js'
import { cookie, randomToken, readCookies, sameToken, SESSION_COOKIE, SIGN_IN_COOKIE } from './sessions.js'

const secure = (request: FastifyRequest): boolean => request.protocol === 'https'

async function signInForm (
  request: FastifyRequest, reply: FastifyReply, status = 200, error?: string
): Promise<FastifyReply> {
  const token = randomToken()
  void reply.header('set-cookie', cookie(SIGN_IN_COOKIE, token, { maxAgeS: 600, secure: secure(request) }))
  return await page(request, reply, {
    title: 'Đăng nhập',
    current: '',
    status,
    ...(error !== undefined ? { notice: { text: error, error: true } } : {}),
    body: html`<section class="card signin">
<form method="post" action="/console/sign-in">
  <input type="hidden" name="_signin" value="${token}">
  <label for="key">Khóa API của người vận hành</label>
  <input id="key" name="key" type="password" autocomplete="off" required size="48">
  <p class="muted">Hub demo: khóa của <code>demo-operator</code> nằm trong tệp <code>demo-keys.json</code> \
ở thư mục dữ liệu.</p>
  <button type="submit">Đăng nhập</button>
</form></section>`
  })
}

export function signInRoutes (app: FastifyInstance, ctx: ConsoleContext): void {
  const open = { config: { public: true, consoleOpen: true }, schema: { hide: true } }

  app.get('/console/sign-in', open, async (request, reply) => await signInForm(request, reply))

  app.post<{ Body: Record<string, string> }>('/console/sign-in', open, async (request, reply) => {
    const cookies = readCookies(request.headers.cookie)
    const expected = cookies[SIGN_IN_COOKIE]
    if (expected === undefined || !sameToken(request.body?._signin, expected)) {
      return await signInForm(request, reply, 403, 'Phiên đăng nhập đã hết hạn hoặc yêu cầu không hợp lệ; hãy thử lại.')
    }
    const key = String(request.body?.key ?? '').trim()
    let principal
    try {
      principal = key === ''
        ? undefined
        : await app.accessControl.authenticator.authenticate(`Bearer ${key}`, request.ip)
    } catch (err) {
      if (err instanceof AuthThrottledError) {
        return await signInForm(request, reply, 429, 'Quá nhiều lần đăng nhập sai; hãy đợi một lát.')
      }
      throw err
    }
    if (principal === undefined) {
      request.log.warn({ via: 'console' }, 'console sign-in refused: key not valid')
      return await signInForm(request, reply, 401, 'Khóa không hợp lệ, đã bị thu hồi hoặc ứng dụng đã bị khóa.')
    }
    if (principal.kind !== 'operator') {
      request.log.warn({ clientId: principal.clientId, kind: principal.kind, via: 'console' },
        'console sign-in refused: not an operator')
      return await signInForm(request, reply, 403,
        `Ứng dụng '${principal.clientId}' không phải người vận hành; bảng điều hành chỉ dành cho người vận hành.`)
    }
    const { id } = ctx.sessions.open(principal)
    request.log.info({ clientId: principal.clientId, via: 'console' }, 'console: signed in')
    void reply.header('set-cookie', [
      cookie(SESSION_COOKIE, id, { maxAgeS: Math.floor(ctx.sessions.idleMs / 1000) * 24, secure: secure(request) }),
      cookie(SIGN_IN_COOKIE, '', { maxAgeS: 0, secure: secure(request) })
    ])
    return await reply.redirect('/console', 303)
  })

  // Behind the guard: needs the session and its CSRF token.
  app.post('/console/sign-out', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    ctx.sessions.close(readCookies(request.headers.cookie)[SESSION_COOKIE])
    request.log.info({ clientId: request.consoleSession?.principal.clientId, via: 'console' }, 'console: signed out')
    void reply.header('set-cookie', cookie(SESSION_COOKIE, '', { maxAgeS: 0, secure: secure(request) }))
    return await reply.redirect('/console/sign-in', 303)
  })
}
