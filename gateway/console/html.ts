// Server-rendered HTML with template literals: every interpolated value is escaped unless it is
// already Html (built by `html` itself), so a page cannot forget to escape a source's value.
export class Html {
  constructor (readonly value: string) {}
  toString (): string { return this.value }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, c => entities[c])

function render (v: unknown): string {
  if (v instanceof Html) return v.value
  if (Array.isArray(v)) return v.map(render).join('')
  if (v === undefined || v === null || v === false) return ''
  return escapeHtml(String(v))
}

/** `html\`<p>${value}</p>\``: values escaped, nested Html and arrays of Html kept. */
export function html (strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]
  return new Html(out)
}

/** Markup the code itself built (an SVG path); never a value from a request or a source. */
export const trusted = (markup: string): Html => new Html(markup)

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000
const pad = (n: number): string => String(n).padStart(2, '0')

/** dd/MM/yyyy HH:mm in Vietnam time (UTC+7, no daylight saving); '—' when there is no time. */
export function formatDateTime (iso: string | undefined | null): string {
  if (iso === undefined || iso === null || iso === '') return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms + VIETNAM_OFFSET_MS)
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** dd/MM/yyyy of a date-only value (1985-04-02) or of an instant. */
export function formatDate (value: string | undefined | null): string {
  if (value === undefined || value === null || value === '') return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return m !== null ? `${m[3]}/${m[2]}/${m[1]}` : formatDateTime(value).slice(0, 10)
}

/** A value from a record, readable: dates as dd/MM/yyyy, objects as compact JSON. */
export function formatValue (v: unknown): string {
  if (v === undefined || v === null) return '—'
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

/** Seconds or milliseconds as a short Vietnamese duration. */
export function formatDuration (ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—'
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} giây`
  if (s < 3600) return `${Math.round(s / 60)} phút`
  if (s < 86400) return `${(s / 3600).toFixed(1)} giờ`
  return `${(s / 86400).toFixed(1)} ngày`
}

/** Personal ids (9+ digits) keep their first and last three digits, as in the logs. */
export const maskPersonalIds = (text: string): string =>
  text.replace(/\d{9,}/g, m => m.slice(0, 3) + '*'.repeat(m.length - 6) + m.slice(-3))
