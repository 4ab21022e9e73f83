// One pino logger per process. Personal ids must never reach info-level logs: URLs are logged with
// long digit runs masked, and the authorization header is redacted. Credentials anywhere else in a
// logged URL or headers object are masked by the serializers (mask.ts).
import { pino, type Logger } from 'pino'
import { maskHeaders, maskIds, maskUrl } from './mask.js'

export { maskIds }

export function createLogger (level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { app: 'lienthong' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.apiKey', '*.secret'],
      censor: '[redacted]'
    },
    serializers: { headers: maskHeaders, url: (url: unknown) => typeof url === 'string' ? maskUrl(url) : url },
    timestamp: pino.stdTimeFunctions.isoTime
  }, destination)
}
