// Errors Node's HTTP parser answers before any route runs (the request line and headers past the
// 16 KiB limit, malformed requests), written as problem+json like every other error of the API.
import type { Socket } from 'node:net'
import { randomUUID } from 'node:crypto'
import { problemInstance, problemType } from '../problem.js'

export function answerClientError (err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) { socket.destroy(); return }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
  const [status, reason, code, detail] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'LT_ERR_HEADERS_TOO_LARGE',
        'The request line and headers together exceed 16 KiB; shorten the URL (fields=, filters).']
    : [400, 'Bad Request', 'LT_ERR_BAD_REQUEST', 'The HTTP request could not be parsed.']
  const body = JSON.stringify({
    type: problemType(code), title: reason, status, code, detail, instance: problemInstance(randomUUID())
  })
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}
