import { fail, type Failure } from './result.js'

// Land-use certificate (GCN) serial: 2 letters + 6-8 digits, printed 'AA 05565655'.
// Digits keep their leading zeros: they are part of the printed serial, not a number.
export type CertificateSerialResult =
  | { ok: true, value: string, series: string, number: string }
  | Failure<'LT_ERR_CERT_SERIAL'>

export function parseCertificateSerial (s: string): CertificateSerialResult {
  const compact = typeof s === 'string' ? s.replace(/\s+/g, '').toUpperCase() : ''
  const m = /^([A-Z]{2})(\d{6,8})$/.exec(compact)
  if (!m) return fail('LT_ERR_CERT_SERIAL', `certificate serial must be 2 letters + 6-8 digits, got "${String(s)}"`)
  const series = m[1] as string
  const number = m[2] as string
  return { ok: true, value: `${series} ${number}`, series, number }
}
