// One pino logger per process. Personal ids must never reach info-level logs: URLs are logged with
// long digit runs masked, and the authorization header is redacted.
import { pino, type Logger } from 'pino'

export function createLogger (level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { app: 'lienthong' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.apiKey', '*.secret'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime
  }, destination)
}

/** Masks runs of 9+ digits (personal ids, CMND, BHYT numbers) keeping the last 3, e.g. 092*********123. */
export function maskIds (text: string): string {
  return text.replace(/\d{9,}/g, m => m.slice(0, 3) + '*'.repeat(m.length - 6) + m.slice(-3))
}
