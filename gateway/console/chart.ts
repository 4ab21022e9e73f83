// A small inline SVG bar chart (no script, no library): events per minute over the last half hour.
import { html, trusted, type Html } from './html.js'
import type { MinuteCount } from './events-per-minute.js'

const W = 760
const H = 160
const PAD = { left: 40, right: 8, top: 10, bottom: 22 }

const hhmm = (minute: number): string => {
  const d = new Date(minute * 60000 + 7 * 3600000)
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

export function eventsChart (series: MinuteCount[]): Html {
  const max = Math.max(1, ...series.map(s => s.events))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const bar = plotW / Math.max(1, series.length)
  const bars = series.map((s, i) => {
    const h = (s.events / max) * plotH
    const x = PAD.left + i * bar
    return `<rect x="${x.toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" ` +
      `width="${Math.max(1, bar - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#0b4f8a">` +
      `<title>${hhmm(s.minute)}: ${s.events}</title></rect>`
  }).join('')
  const labels = series.filter((_s, i) => i % 5 === 0).map(s => {
    const i = series.indexOf(s)
    return `<text x="${(PAD.left + i * bar).toFixed(1)}" y="${H - 6}">${hhmm(s.minute)}</text>`
  }).join('')
  const axis = `<text x="2" y="${PAD.top + 8}">${max}</text><text x="2" y="${PAD.top + plotH}">0</text>` +
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" stroke="#b9c2cf"/>`
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Số sự kiện hợp nhất mỗi phút">\
${trusted(axis + bars + labels)}</svg>`
}
