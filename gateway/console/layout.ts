// The frame of every console page: navigation in Vietnamese, the signed-in operator, sign-out
// (a POST with the CSRF token), and an optional notice after an action.
import { html, type Html } from './html.js'
import type { ConsoleSession } from './sessions.js'

export const pages = [
  { path: '/console', label: 'Tổng quan' },
  { path: '/console/connectors', label: 'Kết nối nguồn' },
  { path: '/console/dead-letters', label: 'Bản ghi lỗi' },
  { path: '/console/conflicts', label: 'Xung đột dữ liệu' },
  { path: '/console/unresolved', label: 'Chưa liên kết' },
  { path: '/console/clients', label: 'Ứng dụng & quyền' },
  { path: '/console/audit', label: 'Nhật ký kiểm toán' },
  { path: '/console/demo', label: 'Thử hồ sơ một cửa' }
] as const

export interface Notice { text: string, error?: boolean }

export function layout ({ title, current, session, body, notice }: {
  title: string, current: string, session?: ConsoleSession, body: Html, notice?: Notice
}): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Liên Thông</title>
<link rel="stylesheet" href="/console/style.css">
</head>
<body>
<header>
  <strong>Liên Thông · Bảng điều hành</strong>
  ${session !== undefined
    ? html`<nav>${pages.map(p =>
      html`<a href="${p.path}" class="${p.path === current ? 'on' : ''}">${p.label}</a>`)}</nav>
  <span>${session.principal.clientId}</span>
  <form method="post" action="/console/sign-out"><input type="hidden" name="_csrf" value="${session.csrf}">\
<button class="secondary" type="submit">Đăng xuất</button></form>`
    : ''}
</header>
<main>
${notice !== undefined
  ? html`<div class="notice ${notice.error === true ? 'error' : ''}" role="status">${notice.text}</div>`
  : ''}
<h1>${title}</h1>
${body}
</main>
</body>
</html>`.value
}

/** The hidden CSRF field every state-changing form carries. */
export const csrfField = (session: ConsoleSession): Html =>
  html`<input type="hidden" name="_csrf" value="${session.csrf}">`
